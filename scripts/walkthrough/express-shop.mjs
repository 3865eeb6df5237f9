// A new user's Express 4 shop, written from the README. What it gets wrong comes from MISTAKE:
// "string-amount", "float-amount", "getorder-throws", "onpaid-throws", "after-spa", "default-store".
import express from "express";
import { MemoryPaymentStore } from "@ligdicash-kit/server";
import { ligdicash } from "@ligdicash-kit/server/express";

const mistake = process.env.MISTAKE ?? "";
const db = new Map([["ord_42", { id: "ord_42", number: "42", total: 15000 }]]);

const payments = ligdicash({
  getOrder: async (orderId) => {
    if (mistake === "getorder-throws") throw new TypeError("orders table not found");
    const order = db.get(orderId);
    if (!order) return null;
    const amount =
      mistake === "string-amount" ? "15000" : mistake === "float-amount" ? "15000.5" : order.total;
    return { amount, description: `Commande ${order.number}` };
  },
  onPaid: async (payment) => {
    if (mistake === "onpaid-throws") throw new Error("warehouse API down");
    process.stdout.write(`shop: order ${payment.orderId} paid by ${payment.id}\n`);
  },
  ...(mistake === "default-store" ? {} : { storage: new MemoryPaymentStore() }),
});

const app = express();
const spa = (_req, res) => res.type("html").send("<!doctype html><div id=root></div>");
if (mistake === "after-spa") app.get("*", spa);
app.use(payments);
app.get("*", spa);
app.use((_req, res) => res.status(404).send("Not found"));
const server = app.listen(Number(process.env.PORT ?? 0), "127.0.0.1", () => {
  process.stdout.write(`listening on http://127.0.0.1:${server.address().port}\n`);
});
