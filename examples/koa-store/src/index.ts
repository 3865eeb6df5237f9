/** The example Koa 3 shop: `createApp(config)` to mount it, `startStore(config)` to run it. */
export { createApp, type KoaShop } from "./app.js";
export { startStore } from "./server.js";
