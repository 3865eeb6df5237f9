import { bodyParser } from "@koa/bodyparser";
import Koa3 from "koa";
import Koa2 from "koa2";
import mount from "koa-mount";
import { ligdicash } from "../../src/koa.js";
import type { Mount } from "./mount.js";

function koaMount(Koa: typeof Koa3): Mount {
  return {
    parsers: true,
    kitReadsBehindParser: false,
    prefix: true,
    web: false,
    async start(server, config, options) {
      const app = new Koa();
      app.silent = true; // body parser errors are expected here: keep them off stderr
      if (config.bodyParser) {
        app.use(bodyParser({ enableTypes: ["json", "form"], jsonLimit: "1mb", formLimit: "1mb" }));
      }
      const middleware = ligdicash(options);
      app.use(
        config.prefix
          ? mount(config.prefix, middleware as Parameters<typeof mount>[1])
          : middleware,
      );
      app.use(async (ctx, next) => {
        if (ctx.path === "/hello") ctx.body = "hello from the shop";
        else if (ctx.path === "/echo") {
          ctx.body = { echoed: (ctx.request as { body?: unknown }).body };
        } else await next();
      });
      const handle = app.callback();
      server.on("request", (req, res) => void handle(req, res));
      return { controls: middleware };
    },
  };
}

export const koa2Mount = koaMount(Koa2);
export const koa3Mount = koaMount(Koa3);
