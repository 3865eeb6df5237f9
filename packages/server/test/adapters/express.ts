import express5 from "express";
import express4 from "express4";
import { ligdicash } from "../../src/express.js";
import type { Mount } from "./mount.js";

function expressMount(express: typeof express5): Mount {
  return {
    parsers: true,
    kitReadsBehindParser: false,
    prefix: true,
    web: false,
    async start(server, config, options) {
      const app = express();
      app.set("env", "test"); // body parser errors are expected here: keep them off stderr
      // Parser limits above the kit's 64 kB, so that the kit's own limit is what the tests meet.
      if (config.bodyParser) {
        app.use(
          express.json({ limit: "1mb" }),
          express.urlencoded({ extended: true, limit: "1mb" }),
        );
      }
      app.get("/hello", (_req, res) => void res.send("hello from the shop"));
      app.post("/echo", (req, res) => void res.json({ echoed: req.body as unknown }));
      const middleware = ligdicash(options);
      if (config.prefix) app.use(config.prefix, middleware);
      else app.use(middleware);
      server.on("request", app);
      return { controls: middleware };
    },
  };
}

export const express4Mount = expressMount(express4);
export const express5Mount = expressMount(express5);
