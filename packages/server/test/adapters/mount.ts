import type { Server } from "node:http";
import type { LigdicashControls } from "../../src/core/handler.js";
import type { LigdicashOptions } from "../../src/core/options.js";

/** The kit's controls, however a framework exposes them. */
/** What a shop holds of the kit once mounted: the reconciler, payouts, refunds, shutdown. */
export type Controls = LigdicashControls;

/** How a test shop is mounted: a body parser first, a prefix. */
export interface MountConfig {
  /** Mount the framework's body parsers (JSON and form) before the kit. */
  bodyParser: boolean;
  /** Mount the kit under this prefix. */
  prefix: string | undefined;
}

/**
 * One framework's way to mount the kit on a Node server, as a shop does, next to two routes of
 * the shop's own: `GET /hello` and `POST /echo` (the body as the app's parser read it).
 */
export interface Mount {
  /** Whether the framework has body parsers to mount before the kit (the `bodyParser` variant). */
  parsers: boolean;
  /** Whether the kit still reads the body from the socket when a parser is mounted. */
  kitReadsBehindParser: boolean;
  /** Whether the kit can be mounted under a path prefix (`app.use(prefix, …)`). */
  prefix: boolean;
  /**
   * Whether the kit answers with a Web `Response`: it then owns every path under basePath (404
   * `NOT_FOUND` for those that are no route, where middleware passes them on), and the server
   * writes its answer even to a client that left (harmlessly).
   */
  web: boolean;
  /**
   * The status the framework answers itself to a method it does not hand to the kit (Next.js
   * routes only the methods a route file exports); null when the kit gets every method.
   */
  frameworkAnswer?: (method: string) => number | null;
  start(
    server: Server,
    config: MountConfig,
    options: LigdicashOptions<unknown>,
  ): Promise<{ controls: Controls; close?: () => Promise<void> }>;
}
