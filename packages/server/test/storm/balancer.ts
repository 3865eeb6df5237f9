import { Agent, createServer, request, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";

/** The instances that take requests now, handed out in turn (a killed one is taken out first). */
export class Rotation {
  readonly #urls = new Map<number, string>();
  #turn = 0;

  set(index: number, url: string): void {
    this.#urls.set(index, url);
  }

  remove(index: number): void {
    this.#urls.delete(index);
  }

  /** The next instance in turn, or undefined when none is up. */
  next(): { index: number; url: string } | undefined {
    const live = [...this.#urls].sort(([a], [b]) => a - b);
    const pick = live[this.#turn++ % Math.max(1, live.length)];
    return pick && { index: pick[0], url: pick[1] };
  }
}

/** One answer the balancer relayed: how long the instance took, and its status. */
export interface Relayed {
  ms: number;
  status: number;
  /** Connections to an instance that failed before an answer (it was killed), retried elsewhere. */
  retries: number;
}

/**
 * The shop's public address, as a load balancer in front of the instances: LigdiCash's callbacks
 * reach a live instance in turn, and a request cut by a dying instance is sent to the next one
 * (callbacks are idempotent). No instance up after a few tries: 502.
 */
export async function startBalancer(rotation: Rotation) {
  const agent = new Agent({ keepAlive: true, maxSockets: 64 });
  const relayed: Relayed[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const body = Buffer.concat(chunks);
      const started = performance.now();
      void relay(req.method ?? "GET", req.url ?? "/", req.headers, body).then((answer) => {
        relayed.push({
          ms: performance.now() - started,
          status: answer.status,
          retries: answer.retries,
        });
        res.writeHead(answer.status, { "content-type": answer.type }).end(answer.body);
      });
    });
  });

  async function relay(method: string, path: string, headers: IncomingHttpHeaders, body: Buffer) {
    let retries = 0;
    for (let attempt = 0; attempt < 8; attempt++) {
      const target = rotation.next();
      if (!target) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        continue;
      }
      try {
        return { ...(await forward(target.url, method, path, headers, body)), retries };
      } catch {
        retries += 1;
      }
    }
    return { status: 502, type: "text/plain", body: Buffer.from("no instance answered"), retries };
  }

  function forward(
    base: string,
    method: string,
    path: string,
    headers: IncomingHttpHeaders,
    body: Buffer,
  ): Promise<{ status: number; type: string; body: Buffer }> {
    return new Promise((resolve, reject) => {
      const out = request(new URL(path, base), {
        method,
        agent,
        headers: { ...headers, host: new URL(base).host, connection: "keep-alive" },
        timeout: 10_000,
      });
      out.on("response", (answer) => {
        const parts: Buffer[] = [];
        answer.on("data", (chunk: Buffer) => parts.push(chunk));
        answer.on("end", () =>
          resolve({
            status: answer.statusCode ?? 0,
            type: answer.headers["content-type"] ?? "text/plain",
            body: Buffer.concat(parts),
          }),
        );
        answer.on("error", reject);
      });
      out.on("timeout", () => out.destroy(new Error("instance timed out")));
      out.on("error", reject);
      out.end(body);
    });
  }

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    relayed,
    close: async () => {
      agent.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
