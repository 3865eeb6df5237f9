import { hostileSuite } from "./hostile.js";
import { routeSuite } from "./routes.js";

// Koa 3, with and without @koa/bodyparser first.
routeSuite("koa3");
hostileSuite("koa3");
