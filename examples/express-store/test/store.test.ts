import { shopContract } from "@ligdicash-kit/example-shop-common/testing";
import { startStore } from "../src/server.js";

shopContract("Express 5", startStore);
