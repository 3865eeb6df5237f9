import { adminContract, shopContract } from "@ligdicash-kit/example-shop-common/testing";
import { startStore } from "../src/server.js";

shopContract("Koa 3", startStore);
adminContract("Koa 3", startStore);
