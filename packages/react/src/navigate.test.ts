import { describe, expect, it, vi } from "vitest";
import { navigate } from "./navigate";

const url = "https://app.ligdicash.com/pay/invoice/abc";

// The top window as navigate() sees it: this window, or the page framing the shop.
function fakeTop(refuses = false) {
  const top = {
    navigatedTo: undefined as string | undefined,
    location: {
      set href(value: string) {
        if (refuses) throw new DOMException("navigation blocked", "SecurityError");
        top.navigatedTo = value;
      },
    },
  };
  vi.stubGlobal("top", top);
  return top;
}

describe("navigate", () => {
  it("sends the top window to the payment page (this one, or the page framing the shop)", () => {
    const top = fakeTop();
    navigate(url);
    expect(top.navigatedTo).toBe(url);
  });

  it("reports POPUP_BLOCKED when a frame may not navigate the top window", () => {
    fakeTop(true);
    expect(() => navigate(url)).toThrow(expect.objectContaining({ code: "POPUP_BLOCKED" }));
  });
});
