/** The example Express 5 shop: `createApp(config)` to mount it, `startStore(config)` to run it. */
export { createApp, type ExpressShop } from "./app.js";
export { startStore } from "./server.js";
