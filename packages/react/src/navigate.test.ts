import { describe, expect, it, vi } from "vitest";
import { navigate } from "./navigate";

const url = "https://app.ligdicash.com/pay/invoice/abc";

// A window double: only what navigate() touches.
function fakeWindow({ framed = false, topRefuses = false, openReturns = {} as object | null }) {
  const top = {
    location: {
      set href(value: string) {
        if (topRefuses) throw new DOMException("navigation blocked", "SecurityError");
        top.navigatedTo = value;
      },
    },
    navigatedTo: undefined as string | undefined,
  };
  const assign = vi.fn();
  const open = vi.fn(() => openReturns);
  const win = {
    self: undefined as unknown,
    top: undefined as unknown,
    location: { assign },
    open,
  };
  win.self = win;
  win.top = framed ? top : win;
  return { win: win as unknown as Window, top, assign, open };
}

describe("navigate", () => {
  it("uses the same tab when the shop is not framed", () => {
    const { win, assign, open } = fakeWindow({});
    navigate(url, win);
    expect(assign).toHaveBeenCalledWith(url);
    expect(open).not.toHaveBeenCalled();
  });

  it("navigates the top window when the shop is framed, since LigdiCash refuses frames", () => {
    const { win, top, assign } = fakeWindow({ framed: true });
    navigate(url, win);
    expect(top.navigatedTo).toBe(url);
    expect(assign).not.toHaveBeenCalled();
  });

  it("falls back to a new tab when the frame may not navigate the top window", () => {
    const { win, assign, open } = fakeWindow({ framed: true, topRefuses: true });
    navigate(url, win);
    expect(open).toHaveBeenCalledWith(url, "_blank");
    expect(assign).not.toHaveBeenCalled();
  });

  it("reports POPUP_BLOCKED when even the new tab is refused", () => {
    const { win } = fakeWindow({ framed: true, topRefuses: true, openReturns: null });
    expect(() => navigate(url, win)).toThrow(expect.objectContaining({ code: "POPUP_BLOCKED" }));
  });
});
