import { connect, createServer, type Socket } from "node:net";
import type { AddressInfo } from "node:net";

/**
 * A TCP proxy in front of a shared server (PostgreSQL, Redis) that a test can break and heal,
 * so outages are simulated without ever stopping the machine's own servers.
 */
export interface FaultProxy {
  /** The port to connect to instead of the server's. */
  port: number;
  /** Resets every open connection and every new one at once (a server that is down). */
  refuse(): void;
  /**
   * Resets every open connection; new ones are accepted and never answered (a host that
   * vanished: connecting seems to work, then nothing).
   */
  blackhole(): void;
  /**
   * A network partition: open connections freeze (what was sent may arrive after `resume()`),
   * new ones are accepted and never answered.
   */
  freeze(): void;
  /** Traffic flows again: frozen connections thaw, waiting ones reach the server. */
  resume(): void;
  /** Connections currently open through the proxy (piped or waiting). */
  connections(): number;
  close(): Promise<void>;
}

interface Link {
  client: Socket;
  upstream: Socket | null;
}

export async function startProxy(
  targetPort: number,
  targetHost = "127.0.0.1",
): Promise<FaultProxy> {
  let mode: "up" | "refuse" | "blackhole" | "freeze" = "up";
  const links = new Set<Link>();

  const drop = (link: Link, reset: boolean) => {
    links.delete(link);
    if (reset) link.client.resetAndDestroy();
    else link.client.destroy();
    link.upstream?.destroy();
  };
  const flow = (link: Link) => {
    const upstream = (link.upstream ??= connect(targetPort, targetHost));
    upstream.on("error", () => drop(link, true));
    upstream.on("close", () => drop(link, false));
    link.client.pipe(upstream);
    upstream.pipe(link.client);
  };
  const freeze = (link: Link) => {
    link.client.unpipe();
    link.upstream?.unpipe();
    link.client.pause();
    link.upstream?.pause();
  };

  const server = createServer((client) => {
    if (mode === "refuse") return void client.resetAndDestroy();
    const link: Link = { client, upstream: null };
    links.add(link);
    client.on("error", () => drop(link, false));
    client.on("close", () => drop(link, false));
    if (mode === "up") flow(link);
    else client.pause();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));

  return {
    port: (server.address() as AddressInfo).port,
    refuse() {
      mode = "refuse";
      for (const link of [...links]) drop(link, true);
    },
    blackhole() {
      mode = "blackhole";
      for (const link of [...links]) drop(link, true);
    },
    freeze() {
      mode = "freeze";
      for (const link of links) freeze(link);
    },
    resume() {
      mode = "up";
      for (const link of links) {
        if (link.upstream) {
          link.client.pipe(link.upstream);
          link.upstream.pipe(link.client);
        } else flow(link);
      }
    },
    connections: () => links.size,
    close() {
      for (const link of [...links]) drop(link, false);
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
