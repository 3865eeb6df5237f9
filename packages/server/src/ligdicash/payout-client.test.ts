import { describe, expect, it, vi } from "vitest";
import { createPayoutClient } from "./payout-client.js";
import type { PayoutRequest } from "./payout-request.js";

const TOKEN = `eyJ0eXAiOiJKV1QiLCJhbGciOiJIUzI1NiJ9.${Buffer.from(
  JSON.stringify({ id_finance: "4100001", start_date: "2026-05-09 07:20:23", expiry_date: 1 }),
).toString("base64url")}.c2ln`;

const request: PayoutRequest = {
  transactionId: "po_abcdefghijklmnop",
  method: "wallet",
  amount: 5000,
  customer: "22670000000",
  description: "Refund for order ORD-1",
  callbackUrl: "https://shop.test/api/ligdicash/callback",
};

type Handler = (init: RequestInit) => Response | Promise<Response>;
type Answer = Record<string, unknown> | string | Handler;

/** A client whose fetch answers each of `answers` in turn (the last one repeats). */
function clientAnswering(...answers: Answer[]) {
  const calls: Array<{ url: string; init: RequestInit }> = [];
  const fetch = vi.fn((url: string, init: RequestInit = {}): Promise<Response> => {
    calls.push({ url, init });
    const answer = answers[Math.min(calls.length - 1, answers.length - 1)];
    if (typeof answer === "function") {
      return Promise.resolve().then(() => answer(init));
    }
    const body = typeof answer === "string" ? answer : JSON.stringify(answer);
    return Promise.resolve(new Response(body));
  });
  const client = createPayoutClient({
    apiUrl: "https://ligdicash.test/",
    apiKey: "KEY",
    authToken: "AUTH",
    fetch: fetch as unknown as typeof globalThis.fetch,
    createTimeoutMs: 300,
    confirmTimeoutMs: 2_000,
  });
  return { client, calls };
}

/** LigdiCash accepting the connection and never answering. */
const hang = (init: RequestInit) =>
  new Promise<Response>((_, reject) =>
    init.signal?.addEventListener("abort", () =>
      reject(new DOMException("aborted", "TimeoutError")),
    ),
  );
const failWith = (code: string) => (): Response => {
  throw new TypeError("fetch failed", { cause: Object.assign(new Error(code), { code }) });
};
const echec = (code: string) => ({
  response_code: "01",
  token: "",
  response_text: `Echec (Code${code})`,
});

describe("createPayout", () => {
  it("posts the documented body to the method's endpoint and returns the token", async () => {
    const { client, calls } = clientAnswering({
      response_code: "00",
      token: TOKEN,
      response_text: "",
      description: "",
      custom_data: [],
    });
    expect(await client.createPayout(request)).toEqual({
      outcome: "created",
      token: TOKEN,
      financeId: "4100001",
    });
    expect(calls[0]!.url).toBe("https://ligdicash.test/pay/v01/withdrawal/create");
    expect(calls[0]!.init).toMatchObject({
      method: "POST",
      headers: { Apikey: "KEY", Authorization: "Bearer AUTH", "Content-Type": "application/json" },
    });
    expect(JSON.parse(calls[0]!.init.body as string)).toMatchObject({
      commande: { customer: "22670000000", top_up_wallet: 1 },
    });

    const straight = clientAnswering({ response_code: "00", token: TOKEN, custom_data: "" });
    await straight.client.createPayout({ ...request, method: "mobile_money" });
    expect(straight.calls[0]!.url).toBe("https://ligdicash.test/pay/v01/straight/payout");
  });

  it("separates refused, exists and unknown refusals", async () => {
    for (const [code, outcome, errorCode] of [
      ["04", "refused", "LIGDICASH_INSUFFICIENT_BALANCE"],
      ["07", "exists", "LIGDICASH_PAYOUT_EXISTS"],
      ["08", "unknown", "LIGDICASH_PROCESSING_ERROR"],
    ] as const) {
      const result = await clientAnswering(echec(code)).client.createPayout(request);
      expect(result).toMatchObject({ outcome, error: { code: errorCode, providerCode: code } });
    }
  });

  it.each([
    ["a timeout", hang, "LIGDICASH_UNAVAILABLE"],
    ["a connection reset", failWith("ECONNRESET"), "LIGDICASH_UNAVAILABLE"],
    ["an HTTP 502", () => new Response("bad gateway", { status: 502 }), "LIGDICASH_UNAVAILABLE"],
    ["an HTTP 404", () => new Response("nope", { status: 404 }), "LIGDICASH_BAD_RESPONSE"],
    ["a cut JSON answer", '{"response_code":"00","tok', "LIGDICASH_BAD_RESPONSE"],
    ["an answer of the wrong shape", { token: TOKEN }, "LIGDICASH_BAD_RESPONSE"],
    ["a success without a token", { response_code: "00", token: "" }, "LIGDICASH_BAD_RESPONSE"],
  ] as const)(
    "reports %s after sending as unknown, and never retries",
    async (_label, answer, code) => {
      const { client, calls } = clientAnswering(answer);
      const result = await client.createPayout(request);
      expect(result).toMatchObject({ outcome: "unknown", error: { code } });
      expect(calls).toHaveLength(1);
    },
  );

  it.each(["ECONNREFUSED", "ENOTFOUND"])(
    "reports %s, which comes before sending, as refused",
    async (code) => {
      const { client, calls } = clientAnswering(failWith(code));
      expect(await client.createPayout(request)).toMatchObject({
        outcome: "refused",
        error: { code: "LIGDICASH_UNAVAILABLE" },
      });
      expect(calls).toHaveLength(1);
    },
  );

  it("refuses a request LigdiCash would misread without calling it", async () => {
    const { client, calls } = clientAnswering(echec("09"));
    for (const [patch, code] of [
      [{ customer: "+22670000000" }, "INVALID_PHONE_NUMBER"],
      [{ customer: "70000000" }, "INVALID_PHONE_NUMBER"],
      [{ amount: 50.5 }, "INVALID_REQUEST"],
      [{ transactionId: " " }, "INVALID_REQUEST"],
      [{ method: "cash" }, "INVALID_REQUEST"],
    ] as const) {
      const result = await client.createPayout({ ...request, ...patch } as PayoutRequest);
      expect(result).toMatchObject({ outcome: "refused", error: { code } });
    }
    expect(calls).toHaveLength(0);
  });
});

describe("confirmPayout", () => {
  const completed = {
    response_code: "00",
    token: TOKEN,
    status: "completed",
    operator_id: 12,
    operator_name: "LigdiCash MOOV AFRICA BURKINA",
    customer: "22670000000",
    amount: "5000",
    montant: "5000",
    transaction_id: "po_abcdefghijklmnop",
    custom_data: [],
  };

  it("asks the method's own confirm endpoint and reads the payout", async () => {
    const wallet = clientAnswering(completed);
    expect(await wallet.client.confirmPayout(TOKEN, "wallet")).toEqual({
      status: "paid",
      amount: 5000,
      transactionId: "po_abcdefghijklmnop",
      operatorId: "12",
      operatorName: "LigdiCash MOOV AFRICA BURKINA",
      customer: "22670000000",
    });
    expect(wallet.calls[0]!.url).toBe(
      `https://ligdicash.test/pay/v01/withdrawal/confirm/?withdrawalToken=${TOKEN}`,
    );
    const straight = clientAnswering({ ...completed, status: "pending" });
    await expect(straight.client.confirmPayout(TOKEN, "mobile_money")).resolves.toMatchObject({
      status: "pending",
    });
    expect(straight.calls[0]!.url).toBe(
      `https://ligdicash.test/pay/v01/straight/payout/confirm/?payoutToken=${TOKEN}`,
    );
  });

  it("reads both failure spellings and finds the transaction id wherever it is", async () => {
    for (const [answer, expected] of [
      [
        { response_code: "00", status: "nocompleted" },
        { status: "failed", transactionId: null },
      ],
      [
        { response_code: "00", status: "notcompleted", external_id: "po_x" },
        { status: "failed", transactionId: "po_x" },
      ],
      [
        {
          response_code: "00",
          status: "completed",
          custom_data: [{ keyof_customdata: "transaction_id", valueof_customdata: "po_y" }],
          external_id: "other",
        },
        { transactionId: "po_y" },
      ],
    ] as const) {
      await expect(
        clientAnswering(answer).client.confirmPayout("t", "wallet"),
      ).resolves.toMatchObject(expected);
    }
  });

  it("retries network errors and 5xx, then succeeds", async () => {
    const { client, calls } = clientAnswering(
      failWith("ECONNRESET"),
      () => new Response("", { status: 503 }),
      completed,
    );
    await expect(client.confirmPayout(TOKEN, "wallet")).resolves.toMatchObject({ status: "paid" });
    expect(calls).toHaveLength(3);
  });

  it("does not retry a malformed answer or a refusal", async () => {
    const malformed = clientAnswering("{not json", completed);
    await expect(malformed.client.confirmPayout(TOKEN, "wallet")).rejects.toMatchObject({
      code: "LIGDICASH_BAD_RESPONSE",
    });
    expect(malformed.calls).toHaveLength(1);
    const refused = clientAnswering(echec("02"), completed);
    await expect(refused.client.confirmPayout(TOKEN, "wallet")).rejects.toMatchObject({
      code: "LIGDICASH_REFUSED",
      providerCode: "02",
    });
    expect(refused.calls).toHaveLength(1);
    const weird = clientAnswering({ response_code: "00", status: "sent" });
    await expect(weird.client.confirmPayout(TOKEN, "wallet")).rejects.toMatchObject({
      code: "LIGDICASH_BAD_RESPONSE",
    });
  });

  it("gives up after its retries, and keeps its deadline when LigdiCash hangs", async () => {
    const down = clientAnswering(() => new Response("", { status: 500 }));
    await expect(down.client.confirmPayout(TOKEN, "wallet")).rejects.toMatchObject({
      code: "LIGDICASH_UNAVAILABLE",
    });
    expect(down.calls).toHaveLength(3);
    const hanging = clientAnswering(hang);
    await expect(hanging.client.confirmPayout(TOKEN, "wallet")).rejects.toMatchObject({
      code: "LIGDICASH_UNAVAILABLE",
    });
    expect(hanging.calls).toHaveLength(1);
  });
});
