import { describe, expect, it } from "vitest";
import { parseCreateRequest } from "./create-request.js";

function body(
  invoice: Record<string, unknown> = {},
  commande: Record<string, unknown> = {},
): string {
  return JSON.stringify({
    commande: {
      invoice: { items: [], total_amount: 1000, description: "Order", ...invoice },
      actions: {
        return_url: "https://shop.test/return",
        cancel_url: "https://shop.test/cancel",
        callback_url: "https://shop.test/callback",
      },
      ...commande,
    },
  });
}

describe("parseCreateRequest", () => {
  it("keeps what the emulator needs from a valid request", () => {
    const parsed = parseCreateRequest(
      body(
        { customer_firstname: "Aminata", external_id: "EXT-1" },
        {
          store: { name: "Shop" },
          custom_data: { transaction_id: "pay_1", n: 3, flag: true, nil: null },
        },
      ),
    );
    expect(parsed).toEqual({
      ok: true,
      order: {
        amount: 1000,
        description: "Order",
        customer: { firstname: "Aminata", lastname: "", email: "" },
        externalId: "EXT-1",
        storeName: "Shop",
        callbackUrl: "https://shop.test/callback",
        returnUrl: "https://shop.test/return",
        cancelUrl: "https://shop.test/cancel",
        customData: { transaction_id: "pay_1", n: "3", flag: "true", nil: "" },
      },
    });
  });

  it("keeps a __proto__ key of custom_data as plain data", () => {
    const raw = body().replace('"actions"', '"custom_data":{"__proto__":"polluted"},"actions"');
    const parsed = parseCreateRequest(raw);
    if (!parsed.ok) throw new Error("expected a valid request");
    expect(Object.getPrototypeOf(parsed.order.customData)).toBe(Object.prototype);
    expect(Object.keys(parsed.order.customData)).toEqual(["__proto__"]);
    expect(parsed.order.customData["__proto__"]).toBe("polluted");
  });

  it.each([
    ["no commande", "{}", "04", 'Undefined array key "commande"'],
    ["no invoice", '{"commande":{}}', "04", 'Undefined array key "invoice"'],
    ["no items", body({ items: undefined }), "04", 'Undefined array key "items"'],
    [
      "an item with price only",
      body({ items: [{ price: 5 }] }),
      "04",
      'Undefined array key "unit_price"',
    ],
    ["amount 8", body({ total_amount: 8 }), "02", undefined],
    ["a string amount", body({ total_amount: "1000" }), "02", undefined],
    ["another currency", body({ devise: "EUR" }), "08", 'Unsupported currency "EUR"'],
    [
      "custom_data as a list",
      body({}, { custom_data: ["a"] }),
      "08",
      "custom_data must be an object",
    ],
    ["not JSON", "commande=1", "08", "Request body is not JSON"],
  ])("refuses %s", (_label, raw, code, details) => {
    expect(parseCreateRequest(raw)).toEqual({
      ok: false,
      failure: details === undefined ? { code } : { code, details },
    });
  });

  it("requires absolute http(s) return and cancel URLs, and allows no callback URL", () => {
    const actions = (overrides: Record<string, string>) => ({
      actions: {
        return_url: "https://shop.test/r",
        cancel_url: "https://shop.test/c",
        callback_url: "",
        ...overrides,
      },
    });
    expect(parseCreateRequest(body({}, actions({}))).ok).toBe(true);
    expect(parseCreateRequest(body({}, actions({ return_url: "/payment/return" })))).toEqual({
      ok: false,
      failure: { code: "08", details: "actions.return_url must be an absolute http(s) URL" },
    });
    expect(parseCreateRequest(body({}, actions({ cancel_url: "javascript:alert(1)" }))).ok).toBe(
      false,
    );
    expect(parseCreateRequest(body({}, actions({ callback_url: "ftp://shop.test" }))).ok).toBe(
      false,
    );
  });
});
