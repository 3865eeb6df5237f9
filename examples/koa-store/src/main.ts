import { serveFromEnv } from "@ligdicash-kit/example-shop-common";
import { startStore } from "./server.js";

await serveFromEnv("Koa 3", startStore);
