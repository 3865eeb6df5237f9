import { hostileSuite } from "./hostile.js";
import { routeSuite } from "./routes.js";

// Koa 2 (installed as the alias koa2), with and without @koa/bodyparser first.
routeSuite("koa2");
hostileSuite("koa2");
