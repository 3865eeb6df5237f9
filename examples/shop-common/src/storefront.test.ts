import { describe, expect, it } from "vitest";
import { isStorefrontPage } from "./storefront.js";

describe("isStorefrontPage", () => {
  it("sends page routes to the storefront's index, but not the API or files", () => {
    expect(isStorefrontPage("GET", "/")).toBe(true);
    expect(isStorefrontPage("GET", "/payment/return")).toBe(true);
    expect(isStorefrontPage("GET", "/orders/ord_abc-DEF_123")).toBe(true);
    expect(isStorefrontPage("HEAD", "/products/beurre-de-karite")).toBe(true);
    expect(isStorefrontPage("GET", "/api/orders/ord_1")).toBe(false);
    expect(isStorefrontPage("GET", "/api")).toBe(false);
    expect(isStorefrontPage("GET", "/assets/index-3f2a.js")).toBe(false);
    expect(isStorefrontPage("POST", "/payment/return")).toBe(false);
  });
});
