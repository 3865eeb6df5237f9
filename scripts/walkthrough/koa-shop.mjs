// The same shop on Koa 2, written from the README. MISTAKE as in express-shop.mjs.
import Koa from "koa";
import { MemoryPaymentStore } from "@ligdicash-kit/server";
import { ligdicash } from "@ligdicash-kit/server/koa";

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

const app = new Koa();
const spa = async (ctx, next) => {
  if (ctx.method !== "GET") return next();
  ctx.type = "html";
  ctx.body = "<!doctype html><div id=root></div>";
};
if (mistake === "after-spa") app.use(spa);
app.use(payments);
app.use(spa);
const server = app.listen(Number(process.env.PORT ?? 0), "127.0.0.1", () => {
  process.stdout.write(`listening on http://127.0.0.1:${server.address().port}\n`);
});
