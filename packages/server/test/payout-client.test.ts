import { createServer } from "node:net";
import { createServer as createHttpServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { startEmulator, type Emulator } from "@ligdicash-kit/emulator";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createPayoutClient } from "../src/ligdicash/payout-client.js";
import { payoutCallbackReference } from "../src/ligdicash/payout-callback.js";
import type { PayoutMethod, PayoutRequest } from "../src/ligdicash/payout-request.js";
import { normalisePhone } from "../src/payouts/phone.js";

const API_KEY = "payout-test-api-key";
const AUTH_TOKEN = "payout-test-auth-token";

/** Callback posts the shop received, parsed the way a body parser would. */
const received: Array<Record<string, unknown>> = [];
let sink: Server;
let sinkUrl: string;
let emulator: Emulator;

beforeAll(async () => {
  emulator = await startEmulator({
    port: 0,
    apiKey: API_KEY,
    authToken: AUTH_TOKEN,
    payoutDelayMs: null,
    callbackRetry: { attempts: 1 },
  });
  sink = createHttpServer((req, res) => {
    let body = "";
    req.on("data", (chunk: Buffer) => (body += chunk.toString("utf8")));
    req.on("end", () => {
      const json = (req.headers["content-type"] ?? "").startsWith("application/json");
      received.push(
        json
          ? (JSON.parse(body) as Record<string, unknown>)
          : Object.fromEntries(new URLSearchParams(body)),
      );
      res.end("ok");
    });
  });
  await new Promise<void>((resolve) => sink.listen(0, "127.0.0.1", resolve));
  sinkUrl = `http://127.0.0.1:${(sink.address() as AddressInfo).port}/api/ligdicash/callback`;
});
afterAll(async () => {
  await emulator.close();
  await new Promise((resolve) => sink.close(resolve));
});
afterEach(() => {
  emulator.reset();
  received.length = 0;
});

const client = (createTimeoutMs = 2_000) =>
  createPayoutClient({
    apiUrl: emulator.url,
    apiKey: API_KEY,
    authToken: AUTH_TOKEN,
    createTimeoutMs,
    confirmTimeoutMs: 2_000,
  });

let nextId = 0;
function payout(method: PayoutMethod, patch: Partial<PayoutRequest> = {}): PayoutRequest {
  nextId += 1;
  return {
    transactionId: `po_test_${nextId}`,
    method,
    amount: 5000,
    customer: normalisePhone("70 00 00 00", { defaultCountry: "BF" }).number,
    description: "Refund for order ORD-1",
    callbackUrl: sinkUrl,
    ...patch,
  };
}

/** Resolves once the shop has received `count` callback posts. */
async function callbacks(count: number): Promise<Array<Record<string, unknown>>> {
  for (let tries = 0; received.length < count; tries++) {
    if (tries > 500) throw new Error(`${received.length} of ${count} callbacks arrived`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return received;
}

describe("payout client against the emulator", () => {
  it("sends a wallet payout, confirms it paid, and reads its callbacks", async () => {
    emulator.fundOperator("12", 20_000);
    const request = payout("wallet");
    const result = await client().createPayout(request);
    if (result.outcome !== "created") throw result.error;
    expect(result.financeId).toBe(emulator.payouts()[0]!.id);
    expect(await client().confirmPayout(result.token, "wallet")).toEqual({
      status: "paid",
      amount: 5000,
      transactionId: request.transactionId,
      operatorId: "12",
      operatorName: "LigdiCash MOOV AFRICA BURKINA",
      customer: "22670000000",
    });
    const [form, json] = await callbacks(2);
    for (const body of [form, json]) {
      expect(payoutCallbackReference(body)).toEqual({
        transactionId: request.transactionId,
        token: result.token,
      });
    }
  });

  it("follows a mobile-money payout from pending to paid on its own endpoint", async () => {
    emulator.fundOperator("12", 20_000);
    const result = await client().createPayout(payout("mobile_money"));
    if (result.outcome !== "created") throw result.error;
    expect((await client().confirmPayout(result.token, "mobile_money")).status).toBe("pending");
    await emulator.settlePayout(result.token, "completed");
    expect((await client().confirmPayout(result.token, "mobile_money")).status).toBe("paid");
    // A wallet payout's token is unknown to the mobile-money confirm: the method matters.
    const wallet = await client().createPayout(payout("wallet"));
    if (wallet.outcome !== "created") throw wallet.error;
    await expect(client().confirmPayout(wallet.token, "mobile_money")).rejects.toMatchObject({
      code: "LIGDICASH_REFUSED",
    });
  });

  it("recognises a repeated payout id as exists, whichever the method", async () => {
    emulator.fundOperator("12", 20_000);
    const request = payout("wallet");
    expect((await client().createPayout(request)).outcome).toBe("created");
    for (const method of ["wallet", "mobile_money"] as const) {
      expect(await client().createPayout({ ...request, method })).toMatchObject({
        outcome: "exists",
        error: { code: "LIGDICASH_PAYOUT_EXISTS", providerCode: "07" },
      });
    }
    expect(emulator.payouts()).toHaveLength(1);
  });

  it("a create that times out after LigdiCash made the payout: unknown, then exists, paid once", async () => {
    emulator.fundOperator("12", 20_000);
    emulator.setFaults({ payoutCreate: { mode: "timeoutAfterCreate", count: 1 } });
    const request = payout("wallet");
    const first = await client(300).createPayout(request);
    expect(first).toMatchObject({ outcome: "unknown", error: { code: "LIGDICASH_UNAVAILABLE" } });
    // Its callback still names it and carries the token the shop never got.
    const [, json] = await callbacks(2);
    const reference = payoutCallbackReference(json);
    expect(reference?.transactionId).toBe(request.transactionId);
    const confirmed = await client().confirmPayout(reference!.token!, "wallet");
    expect(confirmed).toMatchObject({ status: "paid", transactionId: request.transactionId });
    expect((await client().createPayout(request)).outcome).toBe("exists");
    expect(emulator.payouts()).toHaveLength(1);
    expect(emulator.balances().find((b) => b.operatorId === "12")?.balance).toBe(15_000);
  });

  it("a connection reset after the payout was made is unknown too", async () => {
    emulator.fundOperator("12", 20_000);
    emulator.setFaults({ payoutCreate: { mode: "resetAfterCreate", count: 1 } });
    const result = await client().createPayout(payout("mobile_money"));
    expect(result).toMatchObject({ outcome: "unknown", error: { code: "LIGDICASH_UNAVAILABLE" } });
    expect(emulator.payouts()).toHaveLength(1);
  });

  it("a LigdiCash nobody listens for is surely not reached: refused", async () => {
    const port = await closedPort();
    const unreachable = createPayoutClient({
      apiUrl: `http://127.0.0.1:${port}`,
      apiKey: API_KEY,
      authToken: AUTH_TOKEN,
    });
    expect(await unreachable.createPayout(payout("wallet"))).toMatchObject({
      outcome: "refused",
      error: { code: "LIGDICASH_UNAVAILABLE" },
    });
  });

  it.each([
    ["wallet", "a number without a LigdiCash account", "LIGDICASH_BENEFICIARY_NOT_REGISTERED"],
    ["wallet", "no sub-account on the operator", "LIGDICASH_NO_OPERATOR_ACCOUNT"],
    ["mobile_money", "no sub-account on the operator", "LIGDICASH_NO_OPERATOR_ACCOUNT"],
    ["wallet", "a balance too low", "LIGDICASH_INSUFFICIENT_BALANCE"],
    ["mobile_money", "a balance too low", "LIGDICASH_INSUFFICIENT_BALANCE"],
    ["wallet", "an amount out of range", "LIGDICASH_INVALID_AMOUNT"],
    ["mobile_money", "an amount out of range", "LIGDICASH_INVALID_AMOUNT"],
    ["mobile_money", "a number LigdiCash cannot place", "LIGDICASH_OPERATOR_NOT_IDENTIFIED"],
    ["wallet", "wrong credentials", "LIGDICASH_AUTH_FAILED"],
    ["mobile_money", "wrong credentials", "LIGDICASH_AUTH_FAILED"],
  ] as const)("%s: %s is refused as %s", async (method, situation, code) => {
    if (situation !== "no sub-account on the operator") emulator.fundOperator("12", 10_000);
    if (situation === "a number without a LigdiCash account") {
      emulator.setWalletAccount("22670000000", false);
    }
    const patch: Partial<PayoutRequest> =
      situation === "a balance too low"
        ? { amount: 10_001 }
        : situation === "an amount out of range"
          ? { amount: 10 }
          : situation === "a number LigdiCash cannot place"
            ? { customer: normalisePhone("+226 58 00 00 00").number }
            : {};
    const sender =
      situation === "wrong credentials"
        ? createPayoutClient({ apiUrl: emulator.url, apiKey: "wrong", authToken: AUTH_TOKEN })
        : client();
    const result = await sender.createPayout(payout(method, patch));
    expect(result).toMatchObject({ outcome: "refused", error: { code } });
    expect(emulator.payouts()).toEqual([]);
  });

  it("maps every sub-code LigdiCash can answer on either endpoint", async () => {
    const codes = {
      wallet: ["00", "01", "02", "03", "04", "05", "06", "07", "08", "09", "10"],
      mobile_money: ["00", "02", "03", "05", "06", "07", "08", "09", "10", "14"],
    } as const;
    const seen: string[] = [];
    for (const method of ["wallet", "mobile_money"] as const) {
      for (const code of codes[method]) {
        emulator.setFaults({ payoutCreate: { mode: "refuse", count: 1, code } });
        const result = await client().createPayout(payout(method));
        if (result.outcome === "created") throw new Error(`Code${code} created a payout`);
        expect(result.error.providerCode).toBe(code);
        seen.push(`${method} ${code} ${result.outcome} ${result.error.code}`);
      }
    }
    expect(seen).toEqual([
      "wallet 00 refused LIGDICASH_AUTH_FAILED",
      "wallet 01 refused LIGDICASH_PAYOUTS_DISABLED",
      "wallet 02 refused LIGDICASH_BENEFICIARY_NOT_REGISTERED",
      "wallet 03 refused LIGDICASH_NO_OPERATOR_ACCOUNT",
      "wallet 04 refused LIGDICASH_INSUFFICIENT_BALANCE",
      "wallet 05 refused LIGDICASH_INVALID_AMOUNT",
      "wallet 06 refused LIGDICASH_IP_NOT_ALLOWED",
      "wallet 07 exists LIGDICASH_PAYOUT_EXISTS",
      "wallet 08 unknown LIGDICASH_PROCESSING_ERROR",
      "wallet 09 refused LIGDICASH_REFUSED",
      "wallet 10 unknown LIGDICASH_PROCESSING_ERROR",
      "mobile_money 00 refused LIGDICASH_AUTH_FAILED",
      "mobile_money 02 refused LIGDICASH_INVALID_AMOUNT",
      "mobile_money 03 refused LIGDICASH_NO_OPERATOR_ACCOUNT",
      "mobile_money 05 refused LIGDICASH_OPERATOR_NOT_IDENTIFIED",
      "mobile_money 06 refused LIGDICASH_IP_NOT_ALLOWED",
      "mobile_money 07 exists LIGDICASH_PAYOUT_EXISTS",
      "mobile_money 08 refused LIGDICASH_INSUFFICIENT_BALANCE",
      "mobile_money 09 unknown LIGDICASH_PROCESSING_ERROR",
      "mobile_money 10 unknown LIGDICASH_PROCESSING_ERROR",
      "mobile_money 14 refused LIGDICASH_IP_NOT_ALLOWED",
    ]);
  });

  it("retries a payout confirm through a 500 and reports a malformed one", async () => {
    emulator.fundOperator("12", 20_000);
    const result = await client().createPayout(payout("mobile_money"));
    if (result.outcome !== "created") throw result.error;
    emulator.setFaults({ payoutConfirm: { mode: "500", count: 2 } });
    expect((await client().confirmPayout(result.token, "mobile_money")).status).toBe("pending");
    emulator.setFaults({ payoutConfirm: { mode: "malformed", count: 1 } });
    await expect(client().confirmPayout(result.token, "mobile_money")).rejects.toMatchObject({
      code: "LIGDICASH_BAD_RESPONSE",
    });
  });
});

/** A loopback port that was free a moment ago: nothing listens there. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}
