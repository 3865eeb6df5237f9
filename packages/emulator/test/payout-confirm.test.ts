import { describe, expect, it } from "vitest";
import { AUTH, eventually, useEmulatorWithSink } from "./helpers.js";
import {
  createPayout,
  echec,
  getPayoutConfirm,
  MOOV_BF,
  STRAIGHT_CONFIRM,
  WITHDRAWAL_CONFIRM,
} from "./payout-helpers.js";

const t = useEmulatorWithSink({
  callbackRetry: { attempts: 1 },
  payoutDelayMs: null,
  balances: { "12": 100_000 },
});

const balance = () => t.emulator.balances().find((entry) => entry.operatorId === "12")?.balance;

describe("payout confirm", () => {
  it.each([
    ["withdrawal/confirm/?withdrawalToken=", `${WITHDRAWAL_CONFIRM}/?withdrawalToken=`],
    ["withdrawal/confirm?withdrawalToken=", `${WITHDRAWAL_CONFIRM}?withdrawalToken=`],
    ["withdrawal/confirm/?payoutToken=", `${WITHDRAWAL_CONFIRM}/?payoutToken=`],
  ])("finds a wallet payout with %s", async (_label, query) => {
    const token = await createPayout(t.emulator, "wallet");
    const answer = await getPayoutConfirm(t.emulator, `${query}${token}`);
    expect(answer).toMatchObject({
      response_code: "00",
      token,
      status: "completed",
      operator_id: "12",
      operator_name: "LigdiCash MOOV AFRICA BURKINA",
      customer: MOOV_BF,
      amount: 5000,
      montant: 5000,
      transaction_id: "PAYOUT-ORD-1",
      external_id: "PAYOUT-ORD-1",
    });
    expect(answer.date).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\+00$/);
  });

  it.each([
    ["straight/payout/confirm/?payoutToken=", `${STRAIGHT_CONFIRM}/?payoutToken=`],
    ["straight/payout/confirm?payoutToken=", `${STRAIGHT_CONFIRM}?payoutToken=`],
    ["withdrawal/confirm/?withdrawalToken=", `${WITHDRAWAL_CONFIRM}/?withdrawalToken=`],
  ])("finds a mobile-money payout with %s", async (_label, query) => {
    const token = await createPayout(t.emulator, "mobile_money");
    const answer = await getPayoutConfirm(t.emulator, `${query}${token}`);
    expect(answer).toMatchObject({ response_code: "00", status: "pending", token });
    expect(answer.operator_name).toBe("MOOV AFRICA BURKINA");
  });

  it("does not know wallet payouts on the straight payout confirm", async () => {
    const token = await createPayout(t.emulator, "wallet");
    const answer = await getPayoutConfirm(t.emulator, `${STRAIGHT_CONFIRM}/?payoutToken=${token}`);
    expect(answer).toMatchObject(echec("02"));
  });

  it("refuses unknown tokens, no token and wrong credentials", async () => {
    const token = await createPayout(t.emulator, "wallet");
    expect(
      await getPayoutConfirm(t.emulator, `${WITHDRAWAL_CONFIRM}/?withdrawalToken=nope`),
    ).toMatchObject(echec("02"));
    expect(await getPayoutConfirm(t.emulator, `${WITHDRAWAL_CONFIRM}/`)).toMatchObject(echec("04"));
    const wrong = { ...AUTH, Apikey: "nope" };
    expect(
      await getPayoutConfirm(t.emulator, `${WITHDRAWAL_CONFIRM}/?withdrawalToken=${token}`, wrong),
    ).toMatchObject(echec("00"));
  });

  it("follows a mobile-money payout to completed, with its callbacks", async () => {
    const token = await createPayout(t.emulator, "mobile_money", { callback_url: t.sink.url });
    await t.emulator.settlePayout(token, "completed");
    const answer = await getPayoutConfirm(t.emulator, `${STRAIGHT_CONFIRM}/?payoutToken=${token}`);
    expect(answer.status).toBe("completed");
    expect(t.sink.received).toHaveLength(2);
    expect(balance()).toBe(95_000);
  });

  it("gives the amount back to the sub-account when a payout fails, spelt as the quirk says", async () => {
    const token = await createPayout(t.emulator, "mobile_money", { callback_url: t.sink.url });
    t.emulator.setQuirks({ failureStatus: "nocompleted", amountsAsStrings: true });
    await t.emulator.settlePayout(token, "notcompleted");
    expect(balance()).toBe(100_000);
    const answer = await getPayoutConfirm(t.emulator, `${STRAIGHT_CONFIRM}/?payoutToken=${token}`);
    expect(answer).toMatchObject({ status: "nocompleted", amount: "5000" });
    expect(t.emulator.payouts()[0]?.status).toBe("notcompleted");
  });

  it("keeps final statuses final, and sends the callbacks again on a repeated settle", async () => {
    const token = await createPayout(t.emulator, "wallet", { callback_url: t.sink.url });
    await eventually(() => t.sink.received.length === 2);
    await expect(t.emulator.settlePayout(token, "notcompleted")).rejects.toThrow(/already/);
    await t.emulator.settlePayout(token, "completed");
    expect(t.sink.received).toHaveLength(4);
    await expect(t.emulator.settlePayout("404", "completed")).rejects.toThrow(/Unknown payout/);
  });
});

describe("mobile-money completion delay", () => {
  const lines: string[] = [];
  const d = useEmulatorWithSink({
    payoutDelayMs: 50,
    balances: { "12": 100_000 },
    log: (line) => lines.push(line),
  });

  it("completes a mobile-money payout by itself after the delay, then calls back", async () => {
    const token = await createPayout(d.emulator, "mobile_money", { callback_url: d.sink.url });
    await eventually(() => d.sink.received.length === 2);
    const answer = await getPayoutConfirm(d.emulator, `${STRAIGHT_CONFIRM}/?payoutToken=${token}`);
    expect(answer.status).toBe("completed");
  });

  it("cancels the completion of payouts forgotten by reset", async () => {
    await createPayout(d.emulator, "mobile_money", { callback_url: d.sink.url });
    d.emulator.reset();
    lines.length = 0;
    // Same delay: had the first timer survived, it would have fired before this one.
    await createPayout(d.emulator, "mobile_money", { callback_url: d.sink.url });
    await eventually(() => d.sink.received.length === 2);
    expect(lines.filter((line) => /payout \d+ completed|settlement failed/.test(line))).toEqual([
      `payout ${d.emulator.payouts()[0]!.id} completed`,
    ]);
  });
});
