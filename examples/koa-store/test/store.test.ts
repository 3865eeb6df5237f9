import { shopContract } from "@ligdicash-kit/example-shop-common/testing";
import { startStore } from "../src/server.js";

shopContract("Koa 3", startStore);
