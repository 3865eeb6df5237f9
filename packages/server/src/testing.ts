/**
 * Helpers for shops that test their own integration: the storage conformance suites.
 *
 * @example
 * import { paymentStoreConformance, payoutStoreConformance } from "@ligdicash-kit/server/testing";
 * const create = () => new MyStore();
 * for (const check of [...paymentStoreConformance(create), ...payoutStoreConformance(create)])
 *   it(check.name, check.run);
 */
export { paymentStoreConformance, type ConformanceCase } from "./storage/conformance.js";
export { payoutStoreConformance } from "./storage/payout-conformance.js";
