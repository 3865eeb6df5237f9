import { request } from "node:http";
import { describe, expect, it } from "vitest";
import { AUTH, eventually, useEmulatorWithSink } from "./helpers.js";
import {
  createPayout,
  docPayoutBody,
  echec,
  getPayoutConfirm,
  pathOf,
  postPayout,
  STRAIGHT_CONFIRM,
  WITHDRAWAL_CONFIRM,
} from "./payout-helpers.js";

const t = useEmulatorWithSink({
  callbackRetry: { attempts: 1, timeoutMs: 500 },
  payoutDelayMs: null,
  balances: { "12": 100_000 },
});

/** Every sub-code of the official SDKs' maps, per endpoint. */
const SUB_CODES = {
  wallet: ["00", "01", "02", "03", "04", "05", "06", "07", "08", "09", "10"],
  mobile_money: ["00", "02", "03", "05", "06", "07", "08", "09", "10", "14"],
} as const;

/**
 * Posts a payout with node:http and reports how the exchange ended: "no answer" once the socket
 * stays silent for `silenceMs`.
 */
function rawPayout(
  method: "wallet" | "mobile_money",
  body: unknown,
  silenceMs = 400,
): Promise<string> {
  return new Promise((resolve) => {
    const req = request(`${t.emulator.url}${pathOf(method)}`, {
      method: "POST",
      headers: { ...AUTH, "Content-Type": "application/json" },
      timeout: silenceMs,
    });
    req.on("response", (res) => resolve(`answered ${res.statusCode}`));
    req.on("timeout", () => {
      resolve("no answer");
      req.destroy();
    });
    req.on("error", (error: NodeJS.ErrnoException) => resolve(error.code ?? "error"));
    req.end(JSON.stringify(body));
  });
}

describe("payout create faults", () => {
  it.each(
    Object.entries(SUB_CODES).flatMap(([method, codes]) =>
      codes.map((code) => [method as "wallet" | "mobile_money", code] as const),
    ),
  )("%s: refuse answers Echec (Code%s) over HTTP 200 and pays nothing", async (method, code) => {
    t.emulator.setFaults({ payoutCreate: { mode: "refuse", count: 1, code } });
    expect(await postPayout(t.emulator, method, docPayoutBody(method))).toMatchObject(echec(code));
    expect(t.emulator.payouts()).toEqual([]);
    expect(await createPayout(t.emulator, method)).toMatch(/^eyJ/);
  });

  it("can aim at one method only", async () => {
    t.emulator.setFaults({ payoutCreate: { mode: "refuse", count: 1, method: "mobile_money" } });
    await createPayout(t.emulator, "wallet");
    const refused = docPayoutBody("mobile_money", { custom_data: { transaction_id: "P2" } });
    expect(await postPayout(t.emulator, "mobile_money", refused)).toMatchObject(echec("10"));
  });

  it("timeoutAfterCreate: the payout is made and calls back, the create is never answered", async () => {
    t.emulator.setFaults({ payoutCreate: { mode: "timeoutAfterCreate", count: 1 } });
    const body = docPayoutBody("wallet", { callback_url: t.sink.url });
    expect(await rawPayout("wallet", body)).toBe("no answer");
    const [payout] = t.emulator.payouts();
    expect(payout).toMatchObject({ status: "completed", transactionId: "PAYOUT-ORD-1" });
    await eventually(() => t.sink.received.length === 2);
    const callback = JSON.parse(t.sink.received[1]!.body) as Record<string, unknown>;
    expect(callback).toMatchObject({ token: payout!.token, transaction_id: "PAYOUT-ORD-1" });
    // Sending it again is caught by the repeat guard: one payout, paid once.
    expect(await postPayout(t.emulator, "wallet", body)).toMatchObject(echec("07"));
    expect(t.emulator.balances().find((b) => b.operatorId === "12")?.balance).toBe(95_000);
  });

  it("resetAfterCreate: the payout is made, the connection is cut", async () => {
    t.emulator.setFaults({ payoutCreate: { mode: "resetAfterCreate", count: 1 } });
    expect(await rawPayout("mobile_money", docPayoutBody("mobile_money"), 10_000)).toBe(
      "ECONNRESET",
    );
    expect(t.emulator.payouts()).toEqual([expect.objectContaining({ status: "pending" })]);
  });

  it("500, malformed and timeout fail before anything is created", async () => {
    t.emulator.setFaults({ payoutCreate: { mode: "500", count: 1 } });
    expect(await rawPayout("wallet", docPayoutBody("wallet"), 10_000)).toBe("answered 500");
    t.emulator.setFaults({ payoutCreate: { mode: "malformed", count: 1 } });
    await expect(postPayout(t.emulator, "wallet", docPayoutBody("wallet"))).rejects.toThrow(
      SyntaxError,
    );
    t.emulator.setFaults({ payoutCreate: { mode: "timeout", count: 1 } });
    expect(await rawPayout("wallet", docPayoutBody("wallet"))).toBe("no answer");
    expect(t.emulator.payouts()).toEqual([]);
  });

  it("rejects faults that make no sense", () => {
    const set = (payoutCreate: unknown) =>
      t.emulator.setFaults({ payoutCreate } as Parameters<typeof t.emulator.setFaults>[0]);
    expect(() => set({ mode: "explode", count: 1 })).toThrow(/payoutCreate.mode/);
    expect(() => set({ mode: "refuse", count: 1, code: "x" })).toThrow(/payoutCreate.code/);
    expect(() => set({ mode: "refuse", count: 1, method: "cash" })).toThrow(/method/);
  });
});

describe("payout confirm faults", () => {
  it("fail the next N payout confirms, and only those", async () => {
    const token = await createPayout(t.emulator, "mobile_money");
    t.emulator.setFaults({ payoutConfirm: { mode: "500", count: 1 } });
    const failed = await fetch(`${t.emulator.url}${STRAIGHT_CONFIRM}/?payoutToken=${token}`, {
      headers: AUTH,
    });
    expect(failed.status).toBe(500);
    const answer = await getPayoutConfirm(
      t.emulator,
      `${WITHDRAWAL_CONFIRM}/?withdrawalToken=${token}`,
    );
    expect(answer.status).toBe("pending");
  });
});

describe("payout callback faults", () => {
  it("drop: no payout callback at all, the payout still completes", async () => {
    t.emulator.setFaults({ payoutCallbacks: { drop: true } });
    const token = await createPayout(t.emulator, "mobile_money", { callback_url: t.sink.url });
    await t.emulator.settlePayout(token, "completed");
    expect(t.sink.received).toEqual([]);
    expect(t.emulator.payoutCallbacks()).toEqual([]);
    expect(t.emulator.payouts()[0]?.status).toBe("completed");
  });

  it("delayMs: holds the callbacks back while confirm already says completed", async () => {
    t.emulator.setFaults({ payoutCallbacks: { delayMs: 1000 } });
    const token = await createPayout(t.emulator, "wallet", { callback_url: t.sink.url });
    const answer = await getPayoutConfirm(
      t.emulator,
      `${WITHDRAWAL_CONFIRM}/?withdrawalToken=${token}`,
    );
    expect(answer.status).toBe("completed");
    expect(t.sink.received).toEqual([]);
    await eventually(() => t.sink.received.length === 2);
  });

  it("pendingFirst and duplicate shape payout callbacks like payin ones", async () => {
    t.emulator.setFaults({ payoutCallbacks: { pendingFirst: true, duplicate: true } });
    const token = await createPayout(t.emulator, "mobile_money", { callback_url: t.sink.url });
    await t.emulator.settlePayout(token, "completed");
    expect(t.emulator.payoutCallbacks().map((post) => post.status)).toEqual([
      "pending",
      "pending",
      "pending",
      "pending",
      "completed",
      "completed",
      "completed",
      "completed",
    ]);
  });

  it("payin callback faults do not touch payout callbacks", async () => {
    t.emulator.setFaults({ callbacks: { drop: true } });
    await createPayout(t.emulator, "wallet", { callback_url: t.sink.url });
    await eventually(() => t.sink.received.length === 2);
  });
});
