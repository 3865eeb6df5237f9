import formbody from "@fastify/formbody";
import Fastify from "fastify";
import { ligdicash } from "../../src/fastify.js";
import type { Mount } from "./mount.js";

/**
 * The Fastify plugin, registered as a shop does; the `bodyParser` variant registers
 * `@fastify/formbody` first (Fastify parses JSON itself either way). The kit reads the raw body
 * in its own scope, so the app's parsers never change what it sees.
 */
export const fastifyMount: Mount = {
  parsers: true,
  kitReadsBehindParser: true,
  prefix: false,
  web: false,
  async start(server, config, options) {
    const app = Fastify({
      serverFactory: (handler) => server.on("request", handler),
      bodyLimit: 1024 * 1024,
    });
    if (config.bodyParser) await app.register(formbody);
    await app.register(ligdicash, options);
    app.get("/hello", async () => "hello from the shop");
    app.post("/echo", async (request) => ({ echoed: request.body }));
    await app.ready();
    return { controls: app.ligdicash, close: () => app.close() };
  },
};
