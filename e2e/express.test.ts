import { describeFlows } from "./flows.js";

describeFlows("express");
