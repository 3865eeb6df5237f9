/**
 * `@ligdicash-kit/server/postgres`: the PostgreSQL store, for several app instances (needs `pg`).
 *
 * @example
 * import { PostgresPaymentStore } from "@ligdicash-kit/server/postgres";
 * app.use(ligdicash({ storage: new PostgresPaymentStore({ connectionString: process.env.DATABASE_URL }), ... }));
 */
export { PostgresPaymentStore, type PostgresStoreOptions } from "./storage/postgres.js";
