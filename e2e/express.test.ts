import { describe } from "vitest";
import { adminFlows } from "./admin.js";
import { useSuite } from "./harness.js";
import { purchaseFlows } from "./purchase.js";
import { recoveryFlows } from "./recovery.js";

describe("express shop in Chromium", () => {
  const suite = useSuite("express");
  purchaseFlows(suite);
  recoveryFlows(suite);
  adminFlows(suite);
});
