import { describe } from "vitest";
import { useSuite } from "./harness.js";
import { purchaseFlows } from "./purchase.js";
import { recoveryFlows } from "./recovery.js";

describe("next shop in Chromium", () => {
  const suite = useSuite("next");
  purchaseFlows(suite);
  recoveryFlows(suite);
});
