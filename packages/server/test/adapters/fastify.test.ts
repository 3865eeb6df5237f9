import { hostileSuite } from "./hostile.js";
import { routeSuite } from "./routes.js";

// The Fastify 5 plugin, with and without @fastify/formbody registered first.
routeSuite("fastify");
hostileSuite("fastify");
