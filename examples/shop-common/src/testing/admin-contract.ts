import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startEmulator, type Emulator } from "@ligdicash-kit/emulator";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { AdminOrder, AdminPayout } from "../admin/types.js";
import type { OrderView } from "../api-types.js";
import type { ServerConfig } from "../config.js";
import type { StartedStore, StartStore } from "./contract.js";

const PASSWORD = "correct horse battery";

/**
 * The admin every example shop must have: a password login, the orders with their payments,
 * refunds in full or in part that LigdiCash pays back, never more than was paid.
 *
 * @example
 * adminContract("Koa 3", startStore);
 */
export function adminContract(name: string, startStore: StartStore): void {
  describe(`${name} shop admin`, () => {
    let emulator: Emulator;
    let dir: string;
    let shop: StartedStore;
    let closedShop: StartedStore;
    let cookie = "";

    const config = (db: string, adminPassword?: string): ServerConfig => ({
      port: 0,
      host: "127.0.0.1",
      apiUrl: emulator.url,
      apiKey: "emulator-api-key",
      authToken: "emulator-auth-token",
      shopName: "Test shop",
      ordersDb: join(dir, `${db}-orders.db`),
      paymentsDb: join(dir, `${db}-payments.db`),
      storefrontDir: null,
      reconcileIntervalMs: 60_000,
      adminPassword,
    });

    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), "shop-admin-"));
      emulator = await startEmulator({ port: 0, payoutDelayMs: null });
      shop = await startStore(config("admin", PASSWORD));
      closedShop = await startStore(config("closed"));
    });
    afterAll(async () => {
      await shop?.close();
      await closedShop?.close();
      await emulator?.close();
      rmSync(dir, { recursive: true, force: true });
    });

    const post = (store: StartedStore, path: string, body: unknown, headers = {}) =>
      fetch(store.url + path, {
        method: "POST",
        headers: { "content-type": "application/json", cookie, ...headers },
        body: JSON.stringify(body),
      });
    const get = (path: string) => fetch(shop.url + path, { headers: { cookie } });
    const orders = async () =>
      ((await (await get("/api/admin/orders")).json()) as { orders: AdminOrder[] }).orders;

    /** An order paid on the emulator's page by Orange Burkina. */
    async function paidOrder(quantity: number): Promise<string> {
      const created = (await (
        await post(shop, "/api/orders", { items: [{ productId: "beurre-de-karite", quantity }] })
      ).json()) as OrderView;
      expect((await post(shop, "/api/ligdicash/pay", { orderId: created.id })).status).toBe(200);
      const invoice = emulator.invoices().findLast((i) => i.customData.order_id === created.id)!;
      await emulator.settle(invoice.token, "completed", { operatorId: "11" });
      return created.id;
    }

    it("is off without ADMIN_PASSWORD", async () => {
      const response = await post(closedShop, "/api/admin/login", { password: "" });
      expect(response.status).toBe(404);
      expect(await response.json()).toMatchObject({ error: { code: "ADMIN_DISABLED" } });
    });

    it("lets in the password only, with an HttpOnly SameSite=Strict cookie", async () => {
      expect((await get("/api/admin/orders")).status).toBe(401);
      const wrong = await post(shop, "/api/admin/login", { password: "guess" });
      expect(wrong.status).toBe(401);
      const form = await fetch(shop.url + "/api/admin/login", {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: `password=${encodeURIComponent(PASSWORD)}`,
      });
      expect(form.status).toBe(415);
      const right = await post(shop, "/api/admin/login", { password: PASSWORD });
      expect(right.status).toBe(204);
      const setCookie = right.headers.get("set-cookie") ?? "";
      expect(setCookie).toMatch(/HttpOnly/);
      expect(setCookie).toMatch(/SameSite=Strict/);
      cookie = setCookie.split(";")[0]!;
      expect((await get("/api/admin/orders")).status).toBe(200);
    });

    it("refunds in part and then the rest; LigdiCash pays the payer back; never more than paid", async () => {
      const orderId = await paidOrder(2);
      const listed = (await orders()).find((o) => o.id === orderId)!;
      expect(listed).toMatchObject({ status: "paid", amount: 7_000, refundable: 7_000 });
      expect(listed.payments).toMatchObject([{ status: "paid", refunded: 0 }]);
      expect(JSON.stringify(listed)).not.toMatch(/22676275726|token/i);

      const refund = (id: string, amount: number) =>
        post(shop, `/api/admin/orders/${orderId}/refunds`, { id, amount, reason: "Cassé" });
      const part = await refund(`rf-${orderId.slice(4, 12)}-1`, 2_000);
      expect(part.status).toBe(201);
      const { refund: first } = (await part.json()) as { refund: AdminPayout };
      expect(first).toMatchObject({ amount: 2_000, status: "sent", to: "2267•••••26" });
      // The same click again (a retry): the same refund, not a second one.
      expect((await refund(first.id, 2_000)).status).toBe(201);
      const tooMuch = await refund(`rf-${orderId.slice(4, 12)}-2`, 5_001);
      expect(tooMuch.status).toBe(409);
      expect(await tooMuch.json()).toMatchObject({ error: { code: "REFUND_EXCEEDS_PAID" } });
      expect((await refund(`rf-${orderId.slice(4, 12)}-3`, 5_000)).status).toBe(201);

      for (const payout of emulator.payouts())
        await emulator.settlePayout(payout.token, "completed");
      // The callbacks only ring: the confirms behind them finish in the background.
      const after = await vi.waitFor(async () => {
        const found = (await orders()).find((o) => o.id === orderId)!;
        expect(found.refunds.map((r) => r.status)).toEqual(["paid", "paid"]);
        return found;
      });
      expect(after.refundable).toBe(0);
      expect(after.payments[0]?.refunded).toBe(7_000);
      expect(after.refunds.map((r) => [r.amount, r.status])).toEqual([
        [5_000, "paid"],
        [2_000, "paid"],
      ]);
      expect(emulator.payouts().map((p) => p.customer)).toEqual(["22676275726", "22676275726"]);
      const payouts = (await (await get("/api/admin/payouts")).json()) as {
        payouts: AdminPayout[];
      };
      expect(payouts.payouts.filter((p) => p.orderId === orderId)).toHaveLength(2);
    });

    it("resolves a refund whose outcome is unknown, once checked; a settled one stays as it is", async () => {
      const orderId = await paidOrder(1);
      // LigdiCash makes the payout, then the connection breaks before the shop hears back.
      emulator.setFaults({ payoutCreate: { mode: "resetAfterCreate", count: 1 } });
      const asked = await post(shop, `/api/admin/orders/${orderId}/refunds`, {
        id: `rf-${orderId.slice(4, 12)}-u`,
        amount: 3_500,
        reason: "Cassé",
      });
      expect(asked.status).toBe(201);
      const { refund } = (await asked.json()) as { refund: AdminPayout };
      expect(refund).toMatchObject({ status: "unknown", amount: 3_500 });
      // Still reserved: an unknown refund may have paid, so nothing more can be refunded.
      expect((await orders()).find((o) => o.id === orderId)).toMatchObject({ refundable: 0 });

      const resolve = (outcome: unknown) =>
        post(shop, `/api/admin/payouts/${refund.id}/resolve`, { outcome });
      expect((await resolve("maybe")).status).toBe(400);
      // The admin checked the LigdiCash dashboard: the payer has the money.
      const paid = await resolve("paid");
      expect(paid.status).toBe(200);
      expect(await paid.json()).toMatchObject({ payout: { id: refund.id, status: "paid" } });
      const late = await resolve("failed");
      expect(late.status).toBe(409);
      expect(await late.json()).toMatchObject({ error: { code: "PAYOUT_ALREADY_SETTLED" } });
      const missing = await post(shop, "/api/admin/payouts/no-such-payout/resolve", {
        outcome: "paid",
      });
      expect(missing.status).toBe(404);
      expect(emulator.payouts().filter((p) => p.customData.order_id === orderId)).toHaveLength(1);
    });

    it("refuses a refund of an unpaid order, and bad refund requests", async () => {
      const created = (await (
        await post(shop, "/api/orders", { items: [{ productId: "beurre-de-karite", quantity: 1 }] })
      ).json()) as OrderView;
      const unpaid = await post(shop, `/api/admin/orders/${created.id}/refunds`, {
        id: "rf-unpaid",
        amount: 100,
        reason: "x",
      });
      expect(unpaid.status).toBe(409);
      expect(await unpaid.json()).toMatchObject({ error: { code: "ORDER_NOT_PAID" } });
      const bad = await post(shop, `/api/admin/orders/${created.id}/refunds`, { amount: 100 });
      expect(bad.status).toBe(400);
      const logout = await post(shop, "/api/admin/logout", {});
      expect(logout.headers.get("set-cookie")).toMatch(/Max-Age=0/);
    });

    it("stops reading a client's passwords after 5 wrong ones, and says when to try again", async () => {
      // A guesser claiming a new address each time, in headers any client can send, is still
      // the same client: the shops trust no proxy header they were not told to.
      const posing = (n: number) => {
        const address = `203.0.113.${n + 1}`;
        return { "x-forwarded-for": address, "x-real-ip": address, forwarded: `for=${address}` };
      };
      const tries = [];
      for (let n = 0; n < 5; n++) {
        const guess = await post(shop, "/api/admin/login", { password: `guess ${n}` }, posing(n));
        tries.push(guess.status);
      }
      expect(tries).toEqual([401, 401, 401, 401, 401]);
      // Even the right password is not read now: guessing stops here.
      const locked = await post(shop, "/api/admin/login", { password: PASSWORD }, posing(5));
      expect(locked.status).toBe(429);
      expect(await locked.json()).toMatchObject({ error: { code: "TOO_MANY_ATTEMPTS" } });
      const retryAfter = Number(locked.headers.get("retry-after"));
      expect(retryAfter).toBeGreaterThan(14 * 60);
      expect(retryAfter).toBeLessThanOrEqual(15 * 60);
      expect(locked.headers.get("set-cookie")).toBeNull();
    });
  });
}
