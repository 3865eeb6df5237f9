/**
 * What the example Express and Koa shops share, so that each of them is only the translation of
 * one shop into its framework.
 */
export type {
  ApiError,
  CreateOrderRequest,
  Localized,
  OrderStatus,
  OrderView,
  Product,
} from "./api-types.js";
export type {
  AdminOrder,
  AdminPayment,
  AdminPayout,
  AdminRefundRequest,
  AdminResolveRequest,
} from "./admin/types.js";
export { PRODUCTS, MAX_QUANTITY, findProduct, priceLines, type PricedLine } from "./catalog.js";
export {
  configFromEnv,
  EMULATOR_API_KEY,
  EMULATOR_AUTH_TOKEN,
  EMULATOR_URL,
  type ServerConfig,
  type ShopConfig,
} from "./config.js";
export { lineLogger } from "./log.js";
export {
  createAdmin,
  type Admin,
  type AdminPayments,
  type AdminRequest,
  type AdminResponse,
} from "./admin/admin.js";
export { OrderBook, newOrderId } from "./orders.js";
export { createShop, orderReference, type ApiResponse, type Shop } from "./shop.js";
export { isStorefrontPage, locateStorefront, storefrontCacheControl } from "./storefront.js";
export { listen, type RunningServer } from "./listen.js";
export { runShop, serveFromEnv, type RunningShop, type ShopApp } from "./serve.js";
