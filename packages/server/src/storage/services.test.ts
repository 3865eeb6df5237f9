import { randomBytes } from "node:crypto";
import { afterAll, describe, it } from "vitest";
import { paymentStoreConformance } from "./conformance.js";
import { payoutStoreConformance } from "./payout-conformance.js";
import { PostgresPaymentStore } from "./postgres.js";
import { RedisPaymentStore } from "./redis.js";
import { dropRedisKeys, PG_URL, REDIS_URL, serviceAvailable } from "../../test/services.js";

const suffix = randomBytes(4).toString("hex");

describe.runIf(await serviceAvailable(PG_URL))("PostgresPaymentStore", () => {
  const tablePrefix = `ligdicash_test_${suffix}`;
  afterAll(async () => {
    const store = new PostgresPaymentStore({ connectionString: PG_URL, tablePrefix });
    await store.dropTables();
    await store.close();
  });
  const create = () => new PostgresPaymentStore({ connectionString: PG_URL, tablePrefix });
  for (const check of [...paymentStoreConformance(create), ...payoutStoreConformance(create)]) {
    it(check.name, check.run);
  }
});

describe.runIf(await serviceAvailable(REDIS_URL))("RedisPaymentStore", () => {
  const keyPrefix = `{ligdicash-test-${suffix}}:`;
  afterAll(() => dropRedisKeys(keyPrefix));

  const create = () => new RedisPaymentStore({ url: REDIS_URL, keyPrefix });
  for (const check of [...paymentStoreConformance(create), ...payoutStoreConformance(create)]) {
    it(check.name, check.run);
  }
});
