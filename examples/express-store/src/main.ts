import { serveFromEnv } from "@ligdicash-kit/example-shop-common";
import { startStore } from "./server.js";

await serveFromEnv("Express 5", startStore);
