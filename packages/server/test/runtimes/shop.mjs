// A shop on the kit's fetch entry, run by Bun or Deno (test/runtimes.test.ts): Bun.serve or
// Deno.serve, a store in memory, orders from LIGDICASH_TEST_ORDERS. It prints one JSON line with
// its port, then one per paid order; it stops on SIGTERM, and by itself after a minute.
import { MemoryPaymentStore } from "@ligdicash-kit/server";
import { ligdicash } from "@ligdicash-kit/server/fetch";

const env = (name) => (globalThis.Deno ? globalThis.Deno.env.get(name) : process.env[name]);
// One JSON line on stdout: what the test reads.
const out = globalThis.Bun
  ? (text) => process.stdout.write(text)
  : (text) => globalThis.Deno.stdout.writeSync(new TextEncoder().encode(text));
const say = (line) => void out(`${JSON.stringify(line)}\n`);

let kit;
const handler = (request) => kit.fetch(request);
const server = globalThis.Bun
  ? globalThis.Bun.serve({ port: 0, hostname: "127.0.0.1", fetch: handler })
  : globalThis.Deno.serve({ port: 0, hostname: "127.0.0.1", onListen() {} }, handler);
const port = globalThis.Bun ? server.port : server.addr.port;

const orders = new Map(Object.entries(JSON.parse(env("LIGDICASH_TEST_ORDERS") ?? "{}")));
kit = ligdicash({
  apiUrl: env("LIGDICASH_API_URL"),
  apiKey: env("LIGDICASH_API_KEY"),
  authToken: env("LIGDICASH_AUTH_TOKEN"),
  publicUrl: `http://127.0.0.1:${port}`,
  storage: new MemoryPaymentStore(),
  logger: false,
  getOrder: (orderId) => orders.get(orderId) ?? null,
  onPaid: (payment, { signal }) =>
    say({ paid: payment.orderId, amount: payment.amount, signal: signal instanceof AbortSignal }),
});
say({ port, runtime: globalThis.Bun ? "bun" : "deno" });

async function stop() {
  await kit.close();
  await (globalThis.Bun ? server.stop(true) : server.shutdown());
  say({ stopped: true });
  if (globalThis.Bun) process.exit(0);
  else globalThis.Deno.exit(0);
}
const deadline = setTimeout(stop, 60_000);
if (globalThis.Bun) process.once("SIGTERM", () => void (clearTimeout(deadline), stop()));
else globalThis.Deno.addSignalListener("SIGTERM", () => void (clearTimeout(deadline), stop()));
