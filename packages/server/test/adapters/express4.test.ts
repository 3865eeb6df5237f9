import { hostileSuite } from "./hostile.js";
import { routeSuite } from "./routes.js";

// Express 4 (installed as the alias express4), with and without express.json() and express.urlencoded() first.
routeSuite("express4");
hostileSuite("express4");
