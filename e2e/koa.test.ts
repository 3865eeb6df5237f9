import { describeFlows } from "./flows.js";

describeFlows("koa");
