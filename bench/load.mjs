import { Agent, request } from "node:http";

/**
 * Keeps `connections` keep-alive requests in flight for `durationMs` and reports requests per
 * second and latency percentiles. `next(i)` gives the i-th request: { method, path, headers, body }.
 */
export async function load(
  baseUrl,
  next,
  { connections = 32, durationMs = 3000, warmupMs = 1000 } = {},
) {
  const agent = new Agent({ keepAlive: true, maxSockets: connections });
  const { hostname, port } = new URL(baseUrl);
  let counter = 0;
  const send = () =>
    new Promise((resolve, reject) => {
      const spec = next(counter++);
      const started = performance.now();
      const req = request(
        {
          agent,
          hostname,
          port,
          method: spec.method ?? "GET",
          path: spec.path,
          headers: spec.headers,
        },
        (res) => {
          res.resume();
          res.on("end", () => resolve({ status: res.statusCode, ms: performance.now() - started }));
        },
      );
      req.on("error", reject);
      req.end(spec.body);
    });
  const loop = async (until, samples) => {
    while (performance.now() < until) {
      const result = await send();
      if (samples) samples.push(result);
    }
  };
  const warmupEnd = performance.now() + warmupMs;
  await Promise.all(Array.from({ length: connections }, () => loop(warmupEnd, null)));
  const samples = [];
  const started = performance.now();
  await Promise.all(Array.from({ length: connections }, () => loop(started + durationMs, samples)));
  const elapsed = (performance.now() - started) / 1000;
  agent.destroy();
  const ms = samples.map((s) => s.ms).sort((a, b) => a - b);
  const pct = (p) => ms[Math.min(ms.length - 1, Math.floor(ms.length * p))] ?? NaN;
  const bad = samples.filter((s) => s.status >= 400).length;
  return { rps: samples.length / elapsed, p50: pct(0.5), p99: pct(0.99), errors: bad };
}
