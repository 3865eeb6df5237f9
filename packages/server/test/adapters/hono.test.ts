import { hostileSuite } from "./hostile.js";
import { routeSuite } from "./routes.js";

// The fetch handler under Hono on Node (@hono/node-server), mounted with app.mount(basePath, kit.fetch).
routeSuite("hono");
hostileSuite("hono");
