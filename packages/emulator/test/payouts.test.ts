import { describe, expect, it } from "vitest";
import { AUTH, createInvoice, eventually, tokenPayload, useEmulatorWithSink } from "./helpers.js";
import {
  createPayout,
  docPayoutBody,
  echec,
  MOOV_BF,
  ORANGE_BF,
  postPayout,
} from "./payout-helpers.js";

const t = useEmulatorWithSink({
  callbackRetry: { attempts: 2, baseDelayMs: 5, timeoutMs: 500 },
  payoutDelayMs: null,
  balances: { "12": 100_000 },
});

const FORM = "application/x-www-form-urlencoded";
const JSON_TYPE = "application/json";
const DOC_PAYOUT_CALLBACK_KEYS = [
  "response_code",
  "token",
  "response_text",
  "status",
  "custom_data",
  "operator_id",
  "operator_name",
  "url",
  "url_method",
  "transaction_id",
  "external_id",
  "montant",
  "amount",
];
const balanceOf = (operatorId: string) =>
  t.emulator.balances().find((entry) => entry.operatorId === operatorId)?.balance;

describe("POST /pay/v01/withdrawal/create (wallet payout)", () => {
  it("answers the documented success, completes at once and draws on the operator's sub-account", async () => {
    const answer = await postPayout(t.emulator, "wallet", docPayoutBody("wallet"));
    expect(Object.keys(answer)).toEqual([
      "response_code",
      "token",
      "response_text",
      "description",
      "custom_data",
      "wiki",
    ]);
    expect(answer).toMatchObject({ response_code: "00", response_text: "", custom_data: [] });
    const token = answer.token as string;
    expect(tokenPayload(token)).toEqual({
      id_finance: expect.stringMatching(/^\d+$/) as unknown,
      start_date: expect.stringMatching(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/) as unknown,
      expiry_date: expect.any(Number) as unknown,
    });
    expect(t.emulator.payouts()).toEqual([
      expect.objectContaining({
        id: tokenPayload(token).id_finance,
        token,
        method: "wallet",
        status: "completed",
        amount: 5000,
        customer: MOOV_BF,
        operatorId: "12",
        operatorName: "MOOV AFRICA BURKINA",
        transactionId: "PAYOUT-ORD-1",
        topUpWallet: 1,
      }),
    ]);
    expect(balanceOf("12")).toBe(95_000);
  });

  it("posts the payout callback twice, form then JSON, in the documented shape", async () => {
    const token = await createPayout(t.emulator, "wallet", { callback_url: t.sink.url });
    await eventually(() => t.sink.received.length === 2);
    expect(t.sink.received.map((post) => post.contentType)).toEqual([FORM, JSON_TYPE]);
    const json = JSON.parse(t.sink.received[1]!.body) as Record<string, unknown>;
    expect(Object.keys(json)).toEqual(DOC_PAYOUT_CALLBACK_KEYS);
    expect(json).toEqual({
      response_code: "00",
      token,
      response_text: "",
      status: "completed",
      custom_data: [],
      operator_id: 12,
      operator_name: "LigdiCash MOOV AFRICA BURKINA",
      url: t.sink.url,
      url_method: "",
      transaction_id: "PAYOUT-ORD-1",
      external_id: "PAYOUT-ORD-1",
      montant: "5000",
      amount: "5000",
    });
    const form = Object.fromEntries(new URLSearchParams(t.sink.received[0]!.body));
    expect(form).toMatchObject({ token, operator_id: "12", custom_data: "[]", amount: "5000" });
    // A delivery is recorded once its answer is read, just after the sink has the post.
    await eventually(() => t.emulator.payoutCallbacks().length === 2);
    expect(t.emulator.payoutCallbacks()).toEqual([
      expect.objectContaining({ payoutId: t.emulator.payouts()[0]!.id, contentType: FORM }),
      expect.objectContaining({ contentType: JSON_TYPE, status: "completed", responseStatus: 200 }),
    ]);
    expect(t.emulator.callbacks()).toEqual([]);
  });

  it("refuses a number without a LigdiCash account with Code02", async () => {
    t.emulator.setWalletAccount(MOOV_BF, false);
    expect(await postPayout(t.emulator, "wallet", docPayoutBody("wallet"))).toMatchObject(
      echec("02"),
    );
    // Mobile money needs no LigdiCash account.
    expect(await createPayout(t.emulator, "mobile_money")).toMatch(/^eyJ/);
    t.emulator.setWalletAccount(MOOV_BF, true);
    const again = docPayoutBody("wallet", { custom_data: { transaction_id: "P2" } });
    expect((await postPayout(t.emulator, "wallet", again)).response_code).toBe("00");
  });

  it.each([
    ["no merchant sub-account on the operator", ORANGE_BF, 5000, "03"],
    ["a number on a network LigdiCash does not serve (Telecel Faso)", "22658000000", 5000, "03"],
    ["a balance too low", MOOV_BF, 100_001, "04"],
    ["an amount under 20", MOOV_BF, 19, "05"],
    ["an amount over 1,000,000", MOOV_BF, 1_000_001, "05"],
    ["an amount as a string", MOOV_BF, "5000", "05"],
  ])("refuses %s", async (_label, customer, amount, code) => {
    const body = docPayoutBody("wallet", { customer, amount });
    expect(await postPayout(t.emulator, "wallet", body)).toMatchObject(echec(code));
    expect(t.emulator.payouts()).toEqual([]);
    expect(balanceOf("12")).toBe(100_000);
  });
});

describe("POST /pay/v01/straight/payout (mobile-money payout)", () => {
  it('answers with custom_data "" and stays pending until the operator settles it', async () => {
    const answer = await postPayout(t.emulator, "mobile_money", docPayoutBody("mobile_money"));
    expect(answer).toMatchObject({ response_code: "00", custom_data: "", response_text: "" });
    expect(t.emulator.payouts()[0]).toMatchObject({
      method: "mobile_money",
      status: "pending",
      topUpWallet: null,
    });
    expect(balanceOf("12")).toBe(95_000);
    expect(t.emulator.payoutCallbacks()).toEqual([]);
  });

  it("reports the plain operator name, without the LigdiCash prefix", async () => {
    const token = await createPayout(t.emulator, "mobile_money", { callback_url: t.sink.url });
    await t.emulator.settlePayout(token, "completed");
    const json = JSON.parse(t.sink.received[1]!.body) as Record<string, unknown>;
    expect(json).toMatchObject({ operator_name: "MOOV AFRICA BURKINA", operator_id: 12, token });
  });

  it.each([
    ["no merchant sub-account on the operator", ORANGE_BF, 5000, "03"],
    ["a number LigdiCash cannot place", "22658000000", 5000, "05"],
    ["a number with a plus sign", `+${MOOV_BF}`, 5000, "05"],
    ["a number of the wrong length", "2267000000", 5000, "05"],
    ["a balance too low", MOOV_BF, 100_001, "08"],
    ["an amount out of range", MOOV_BF, 10, "02"],
  ])("refuses %s", async (_label, customer, amount, code) => {
    const body = docPayoutBody("mobile_money", { customer, amount });
    expect(await postPayout(t.emulator, "mobile_money", body)).toMatchObject(echec(code));
    expect(t.emulator.payouts()).toEqual([]);
  });
});

describe("both payout endpoints", () => {
  it.each(["wallet", "mobile_money"] as const)(
    "%s: refuse wrong credentials with Code00 and malformed bodies with Code09",
    async (method) => {
      const wrong = { ...AUTH, Authorization: "Bearer nope" };
      expect(await postPayout(t.emulator, method, docPayoutBody(method), wrong)).toMatchObject(
        echec("00"),
      );
      expect(await postPayout(t.emulator, method, { amount: 5000 })).toEqual({
        ...echec("09"),
        response_text_details: 'Undefined array key "commande"',
        description: "",
        wiki: expect.any(String) as unknown,
      });
      const noCustomer = docPayoutBody(method, { customer: undefined });
      expect(await postPayout(t.emulator, method, noCustomer)).toMatchObject({
        ...echec("09"),
        response_text_details: 'Undefined array key "customer"',
      });
      expect(t.emulator.payouts()).toEqual([]);
    },
  );

  it("guard a transaction id: a repeat gets Code07 on either endpoint, and pays nothing", async () => {
    await createPayout(t.emulator, "wallet");
    for (const method of ["wallet", "mobile_money"] as const) {
      expect(await postPayout(t.emulator, method, docPayoutBody(method))).toMatchObject(
        echec("07"),
      );
    }
    // Even once the money is gone and the repeat could not be paid any more.
    t.emulator.setBalance("12", 0);
    expect(await postPayout(t.emulator, "wallet", docPayoutBody("wallet"))).toMatchObject(
      echec("07"),
    );
    expect(t.emulator.payouts()).toHaveLength(1);
  });

  it("draw on the sub-account that the payins via that operator fed", async () => {
    const { id } = await createInvoice(t.emulator, t.sink.url);
    await t.emulator.settle(id, "completed", { operatorId: "11" });
    expect(balanceOf("11")).toBe(15_000);
    const token = await createPayout(t.emulator, "mobile_money", {
      customer: ORANGE_BF,
      amount: 15_000,
    });
    expect(t.emulator.payouts()[0]).toMatchObject({ token, operatorName: "ORANGE BURKINA" });
    expect(balanceOf("11")).toBe(0);
  });

  it("find the operator from the country code and prefix", async () => {
    t.emulator.fundOperator("16", 10_000);
    t.emulator.fundOperator("39", 10_000);
    await createPayout(t.emulator, "mobile_money", {
      customer: "2250701020304",
      custom_data: { transaction_id: "ci" },
    });
    await createPayout(t.emulator, "mobile_money", {
      customer: "221771234567",
      custom_data: { transaction_id: "sn" },
    });
    expect(t.emulator.payouts().map((payout) => payout.operatorName)).toEqual([
      "ORANGE CI",
      "WAVE SENEGAL",
    ]);
  });

  it("answer 405 to other methods", async () => {
    const res = await fetch(`${t.emulator.url}/pay/v01/straight/payout`, { headers: AUTH });
    expect(res.status).toBe(405);
    expect(res.headers.get("allow")).toBe("POST");
  });
});
