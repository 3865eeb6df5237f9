import { describe, expect, it } from "vitest";
import type { InvoiceRecord } from "../invoice.js";
import { OPERATORS } from "../operators.js";
import type { InvoiceStatus } from "../types.js";
import { planCallbacks } from "./plan.js";

function record(status: InvoiceStatus, callbackUrl = "https://shop.test/cb"): InvoiceRecord {
  const date = new Date("2026-05-09T07:20:23Z");
  return {
    id: "15000001",
    token: "t",
    status,
    amount: 4200,
    currency: "XOF",
    description: "",
    customData: { transaction_id: "ART5A7044E5" },
    callbackUrl,
    returnUrl: "https://shop.test/r",
    cancelUrl: "https://shop.test/c",
    payUrl: "",
    storeName: "",
    createdAt: date.toISOString(),
    externalId: "",
    customer: { firstname: "", lastname: "", email: "" },
    payer: { operator: OPERATORS[0]!, phone: "22676275726" },
    requestId: "P2777636082026",
    logfile: "2026050907202369fee03756652",
    hash: "f918c54d",
    createdDate: date,
    updatedDate: date,
  };
}

const shape = (posts: ReturnType<typeof planCallbacks>) =>
  posts.map(
    (post) => `${post.status}:${post.contentType === "application/json" ? "json" : "form"}`,
  );

describe("planCallbacks", () => {
  it("sends a form copy then a JSON copy of the same payload", () => {
    const posts = planCallbacks(record("completed"), {}, {});
    expect(shape(posts)).toEqual(["completed:form", "completed:json"]);
    const json = JSON.parse(posts[1]!.body) as Record<string, unknown>;
    expect(json).toMatchObject({ status: "completed", amount: 4200, external_id: "ART5A7044E5" });
    expect(new URLSearchParams(posts[0]!.body).get("request_id")).toBe("P2777636082026");
  });

  it("combines the faults: pending pair first, JSON first, each post twice", () => {
    const posts = planCallbacks(
      record("notcompleted"),
      { pendingFirst: true, reorder: true, duplicate: true },
      { failureStatus: "nocompleted" },
    );
    expect(shape(posts)).toEqual([
      "pending:json",
      "pending:json",
      "pending:form",
      "pending:form",
      "nocompleted:json",
      "nocompleted:json",
      "nocompleted:form",
      "nocompleted:form",
    ]);
  });

  it("sends a single pair when the event itself is pending", () => {
    expect(shape(planCallbacks(record("pending"), { pendingFirst: true }, {}))).toEqual([
      "pending:form",
      "pending:json",
    ]);
  });

  it("plans nothing when callbacks are dropped or no callback URL was given", () => {
    expect(planCallbacks(record("completed"), { drop: true }, {})).toEqual([]);
    expect(planCallbacks(record("completed", ""), {}, {})).toEqual([]);
  });
});
