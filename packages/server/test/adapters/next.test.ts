import { hostileSuite } from "./hostile.js";
import { routeSuite } from "./routes.js";

// The Next.js route handlers (GET, POST of app/api/ligdicash/[...path]/route.ts), served as Next.js routes them.
routeSuite("next");
hostileSuite("next");
