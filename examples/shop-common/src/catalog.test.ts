import { describe, expect, it } from "vitest";
import { MAX_QUANTITY, PRODUCTS, findProduct, priceLines } from "./catalog.js";

describe("catalog", () => {
  it("prices every product in whole XOF francs LigdiCash accepts, even at the largest quantity", () => {
    for (const product of PRODUCTS) {
      expect(Number.isSafeInteger(product.price)).toBe(true);
      expect(product.price * MAX_QUANTITY * 5).toBeLessThanOrEqual(2_000_000);
      expect(product.price).toBeGreaterThanOrEqual(9);
    }
  });

  it("has unique ids that are URL slugs, and texts in both languages", () => {
    expect(new Set(PRODUCTS.map((p) => p.id)).size).toBe(PRODUCTS.length);
    for (const product of PRODUCTS) {
      expect(product.id).toMatch(/^[a-z0-9-]+$/);
      expect(product.name.fr && product.name.en && product.description.en).toBeTruthy();
      expect(product.details.fr).toHaveLength(product.details.en.length);
    }
  });

  it("prices lines from the catalog and names an unknown product", () => {
    expect(
      priceLines([
        { productId: "pagne-faso-dan-fani", quantity: 2 },
        { productId: "beurre-de-karite", quantity: 3 },
      ]),
    ).toMatchObject({ amount: 2 * 15_000 + 3 * 3_500 });
    expect(priceLines([{ productId: "gold", quantity: 1 }])).toEqual({ unknown: "gold" });
    expect(findProduct("chapeau-de-sapone")?.price).toBe(7_500);
  });
});
