import type { Readable } from "node:stream";
import type { FastifyInstance, FastifyPluginAsync, FastifyRequest } from "fastify";
import { defaultStore } from "./core/default-store.js";
import { createLigdicash, withControls, type LigdicashControls } from "./core/handler.js";
import { answerHeaders, clientGone, pathOf, queryOf } from "./core/node-request.js";
import type { LigdicashOptions } from "./core/options.js";

declare module "fastify" {
  interface FastifyInstance {
    /** The kit's reconciler and shutdown (`close()` also runs when the app closes). */
    ligdicash: LigdicashControls;
  }
}

const NAME = "@ligdicash-kit/server";

/**
 * A Fastify 5 plugin: `POST {basePath}/pay`, `GET {basePath}/status/:orderId[?wait=N]` and
 * `POST {basePath}/callback`, with or without `@fastify/formbody`. The routes live in a scope of
 * their own whose one content-type parser hands the kit the raw body, so that JSON and form
 * bodies are read by the kit's rules (64 kB, no `__proto__`, UTF-8) whatever the app's parsers.
 * Other paths under basePath go to the app's 404 handler. The controls are `app.ligdicash`.
 *
 * @example
 * import { ligdicash } from "@ligdicash-kit/server/fastify";
 * await app.register(ligdicash, { getOrder, onPaid });
 */
const plugin: FastifyPluginAsync<LigdicashOptions<FastifyRequest>> = async (app, options) => {
  // The SQLite default opens now: a missing better-sqlite3 or an unwritable disk fails at start-up.
  const kit = createLigdicash(options, { defaultStore });
  app.decorate("ligdicash", withControls({}, kit));
  // Waiting status requests get their answer before the server waits for them to end.
  app.addHook("preClose", () => kit.close());
  await app.register((scope: FastifyInstance, _options: unknown, done: () => void) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser("*", (_request, payload, done) => done(null, payload));
    scope.all(`${kit.config.basePath}/*`, async (request, reply) => {
      const url = request.raw.url ?? "/";
      const answer = await kit.handle({
        method: request.method,
        path: pathOf(url).slice(scope.prefix.length),
        query: queryOf(url),
        headers: request.headers,
        body: { kind: "stream", stream: (request.body as Readable | undefined) ?? request.raw },
        context: request,
        signal: clientGone(reply.raw),
      });
      if (!answer) return reply.callNotFound();
      if (reply.raw.destroyed) return reply.hijack(); // the client left: nobody to answer
      return reply
        .code(answer.status)
        .headers(answerHeaders(request.raw, answer))
        .send(answer.body);
    });
    done();
  });
};

// As fastify-plugin does: the decoration and the close hook belong to the app, not to a scope.
Object.assign(plugin, {
  [Symbol.for("skip-override")]: true,
  [Symbol.for("fastify.display-name")]: NAME,
  [Symbol.for("plugin-meta")]: { name: NAME, fastify: "5.x" },
});

export const ligdicash = plugin;
export default plugin;

export type { LigdicashControls } from "./core/handler.js";
export type { Amount, LigdicashOptions, Order, OrderItem } from "./core/options.js";
export type { PaymentInfo } from "./model/payment.js";
