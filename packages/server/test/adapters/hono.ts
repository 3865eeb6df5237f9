import { getRequestListener } from "@hono/node-server";
import { Hono } from "hono";
import { ligdicash } from "../../src/fetch.js";
import type { Mount } from "./mount.js";

/** The fetch handler under Hono on Node (`@hono/node-server`), mounted with `app.mount`. */
export const honoMount: Mount = {
  parsers: false,
  kitReadsBehindParser: true,
  prefix: true,
  web: true,
  async start(server, config, options) {
    const kit = ligdicash(options);
    const app = new Hono();
    app.get("/hello", (c) => c.text("hello from the shop"));
    app.post("/echo", async (c) => c.json({ echoed: await c.req.json<unknown>() }));
    app.mount(`${config.prefix ?? ""}${options.basePath ?? "/api/ligdicash"}`, kit.fetch);
    // Node's own Request and Response reach the kit (the server's lighter ones are not installed).
    const listener = getRequestListener(app.fetch, { overrideGlobalObjects: false });
    server.on("request", (req, res) => void listener(req, res));
    return { controls: kit };
  },
};
