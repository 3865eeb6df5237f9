/**
 * Helpers for shops that test their own integration: the storage conformance suite.
 *
 * @example
 * import { paymentStoreConformance } from "@ligdicash-kit/server/testing";
 * for (const check of paymentStoreConformance(() => new MyStore())) it(check.name, check.run);
 */
export { paymentStoreConformance, type ConformanceCase } from "./storage/conformance.js";
