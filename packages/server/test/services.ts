import { Socket } from "node:net";

/** PostgreSQL and Redis of the machine (every CI machine runs both). */
export const PG_URL = process.env.PG_URL ?? "postgres://postgres@127.0.0.1:5432/test";
export const REDIS_URL = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";

/** Whether the suites of a service must run: always under CI, elsewhere when something answers. */
export async function serviceAvailable(url: string): Promise<boolean> {
  return Boolean(process.env.CI) || (await listening(url));
}

function listening(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = new Socket();
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(500, () => done(false));
    socket.once("error", () => done(false));
    socket.connect(Number(port), hostname, () => done(true));
  });
}

/** Deletes the keys a test wrote under `prefix`. */
export async function dropRedisKeys(prefix: string): Promise<void> {
  const { Redis } = await import("ioredis");
  const redis = new Redis(REDIS_URL);
  const keys = await redis.keys(`${prefix}*`);
  if (keys.length) await redis.del(...keys);
  await redis.quit();
}
