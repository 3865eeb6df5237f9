/**
 * The contract suite both example shops run: `shopContract("Koa 3", startStore)` in a Vitest file.
 */
export {
  shopContract,
  type ContractOptions,
  type StartedStore,
  type StartStore,
} from "./contract.js";
export { adminContract } from "./admin-contract.js";
