/**
 * `@ligdicash-kit/server/redis`: the Redis store, for several app instances (needs `ioredis`).
 *
 * @example
 * import { RedisPaymentStore } from "@ligdicash-kit/server/redis";
 * app.use(ligdicash({ storage: new RedisPaymentStore({ url: process.env.REDIS_URL }), ... }));
 */
export { RedisPaymentStore, type RedisStoreOptions } from "./storage/redis.js";
