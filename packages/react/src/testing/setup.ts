// Each test starts from a clean page: what it rendered is unmounted (Testing Library only does
// it by itself with test globals on), and the page's status watches are forgotten.
import { afterEach } from "vitest";
import { pollers } from "../poller";

afterEach(async () => {
  if (typeof document === "undefined") return;
  const { cleanup } = await import("@testing-library/react");
  cleanup();
  pollers.clear();
});
