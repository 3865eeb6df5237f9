import { adminContract, shopContract } from "@ligdicash-kit/example-shop-common/testing";
import { startStore } from "../src/server.js";

shopContract("Express 5", startStore);
adminContract("Express 5", startStore);
