import { describe, expect, it } from "vitest";
import type { EmulatorPayout, OperatorBalance } from "../src/index.js";
import { useEmulatorWithSink } from "./helpers.js";
import { createPayout, docPayoutBody, echec, MOOV_BF, postPayout } from "./payout-helpers.js";

const t = useEmulatorWithSink({ callbackRetry: { attempts: 1 }, payoutDelayMs: null });

async function control(
  method: "GET" | "POST",
  path: string,
  body?: unknown,
): Promise<{ status: number; json: unknown }> {
  const res = await fetch(`${t.emulator.url}/__emulator/${path}`, {
    method,
    headers: body === undefined ? {} : { "Content-Type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, json: await res.json() };
}

const balanceOf = (json: unknown, operatorId: string) =>
  (json as OperatorBalance[]).find((entry) => entry.operatorId === operatorId)?.balance;

describe("payout control API under /__emulator/", () => {
  it("funds a sub-account, reads the balances, and lists payouts and their callbacks", async () => {
    expect(balanceOf((await control("GET", "balances")).json, "12")).toBeNull();
    expect(await control("POST", "balances/12/fund", { amount: 20_000 })).toEqual({
      status: 200,
      json: { operatorId: "12", balance: 20_000 },
    });
    const token = await createPayout(t.emulator, "mobile_money", { callback_url: t.sink.url });
    const balances = await control("GET", "balances");
    expect(balances.json).toEqual(t.emulator.balances());
    expect(balanceOf(balances.json, "12")).toBe(15_000);
    expect((await control("GET", "payouts")).json).toEqual(t.emulator.payouts());

    const settled = await control("POST", `payouts/${token}/settle`, { status: "completed" });
    expect((settled.json as { payout: EmulatorPayout }).payout.status).toBe("completed");
    const callbacks = await control("GET", "payout-callbacks");
    expect(callbacks.json).toEqual(t.emulator.payoutCallbacks());
    expect(callbacks.json).toHaveLength(2);
  });

  it("sets or closes a sub-account", async () => {
    await control("POST", "balances/12/set", { balance: 100 });
    expect(await postPayout(t.emulator, "wallet", docPayoutBody("wallet"))).toMatchObject(
      echec("04"),
    );
    await control("POST", "balances/12/set", { balance: null });
    expect(await postPayout(t.emulator, "wallet", docPayoutBody("wallet"))).toMatchObject(
      echec("03"),
    );
  });

  it("unregisters and registers a LigdiCash wallet account", async () => {
    t.emulator.fundOperator("12", 10_000);
    expect(await control("POST", `wallet-accounts/${MOOV_BF}`, { registered: false })).toEqual({
      status: 200,
      json: { customer: MOOV_BF, registered: false },
    });
    expect(await postPayout(t.emulator, "wallet", docPayoutBody("wallet"))).toMatchObject(
      echec("02"),
    );
    await control("POST", `wallet-accounts/${MOOV_BF}`, { registered: true });
    expect(await createPayout(t.emulator, "wallet")).toMatch(/^eyJ/);
  });

  it("sets payout faults, and reset restores the start balances", async () => {
    await control("POST", "faults", { payoutCreate: { mode: "refuse", count: 1, code: "06" } });
    expect(await postPayout(t.emulator, "wallet", docPayoutBody("wallet"))).toMatchObject(
      echec("06"),
    );
    t.emulator.fundOperator("12", 10_000);
    await control("POST", "reset", {});
    expect(balanceOf((await control("GET", "balances")).json, "12")).toBeNull();
  });

  it("answers errors as JSON: unknown payout 404, bad input 400", async () => {
    expect(await control("POST", "payouts/404404/settle", { status: "completed" })).toEqual({
      status: 404,
      json: { error: 'Unknown payout "404404"' },
    });
    t.emulator.fundOperator("12", 10_000);
    const token = await createPayout(t.emulator, "mobile_money");
    expect((await control("POST", `payouts/${token}/settle`, { status: "paid" })).status).toBe(400);
    expect((await control("POST", "balances/99/fund", { amount: 1 })).status).toBe(400);
    expect((await control("POST", "balances/12/fund", { amount: -5 })).status).toBe(400);
    expect((await control("POST", "balances/12/set", {})).status).toBe(400);
    expect((await control("POST", "wallet-accounts/+226", { registered: false })).status).toBe(400);
    expect((await control("GET", "payouts/x")).status).toBe(404);
  });
});
