import { hostileSuite } from "./hostile.js";
import { routeSuite } from "./routes.js";

// Express 5, with and without express.json() and express.urlencoded() first.
routeSuite("express5");
hostileSuite("express5");
