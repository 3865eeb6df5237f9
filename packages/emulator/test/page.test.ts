import { describe, expect, it } from "vitest";
import {
  createInvoice,
  docCreateBody,
  eventually,
  getConfirm,
  postCreate,
  useEmulatorWithSink,
} from "./helpers.js";

const t = useEmulatorWithSink({ callbackRetry: { attempts: 2, baseDelayMs: 5 } });

/** Submits the page's form as a browser would, without following the redirect. */
function press(payUrl: string, fields: Record<string, string>): Promise<Response> {
  return fetch(payUrl, { method: "POST", body: new URLSearchParams(fields), redirect: "manual" });
}

describe("the hosted payment page", () => {
  it("refuses to be framed and allows only its own inline style", async () => {
    const { payUrl } = await createInvoice(t.emulator, t.sink.url);
    const res = await fetch(payUrl);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(res.headers.get("x-frame-options")).toBe("DENY");
    const csp = res.headers.get("content-security-policy") ?? "";
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("default-src 'none'");
    expect(csp).toMatch(/style-src 'sha256-[A-Za-z0-9+/]+=*'/);
    expect(csp).not.toContain("unsafe-inline");
    expect(res.headers.get("referrer-policy")).toBe("no-referrer");
  });

  it("shows shop, description, amount and operators, in French by default", async () => {
    const { payUrl } = await createInvoice(t.emulator, t.sink.url);
    const html = await (await fetch(payUrl)).text();
    expect(html).toContain('<html lang="fr">');
    expect(html).toContain("My Store");
    expect(html).toContain("Order #order_7f3a9b");
    expect(html).toContain("15\u202f000 XOF");
    expect(html).toContain("Choisissez votre opérateur");
    expect(html).toContain('<option value="11" selected>ORANGE BURKINA</option>');
    expect(html).toContain("WAVE SENEGAL");
    expect(html).toMatch(/value="pay"[^>]*>Payer/);
    expect(html).toContain('href="?lang=en"');
  });

  it("switches to English with ?lang=en", async () => {
    const { payUrl } = await createInvoice(t.emulator, t.sink.url);
    const html = await (await fetch(`${payUrl}?lang=en`)).text();
    expect(html).toContain('<html lang="en">');
    expect(html).toContain("15,000 XOF");
    expect(html).toContain("Choose your operator");
    expect(html).toContain('<input type="hidden" name="lang" value="en">');
    expect(html).toContain('href="?lang=fr"');
  });

  it("escapes everything the shop sent", async () => {
    const body = docCreateBody(t.sink.url, { description: `<script>alert("x")</script>` });
    (body.commande as { store: { name: string } }).store.name = `Tom & Jerry's <b>shop</b>`;
    const { response_text: payUrl } = await postCreate(t.emulator, body);
    const html = await (await fetch(String(payUrl))).text();
    expect(html).not.toContain("<script>");
    expect(html).not.toContain("<b>");
    expect(html).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;");
    expect(html).toContain("Tom &amp; Jerry&#39;s &lt;b&gt;shop&lt;/b&gt;");
  });

  it("Pay settles as completed with the chosen operator, posts the callbacks, returns to the shop", async () => {
    const { payUrl, token } = await createInvoice(t.emulator, t.sink.url);
    const res = await press(payUrl, { action: "pay", operator: "16", lang: "fr" });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("https://mystore.com/payment/success");
    const confirm = await getConfirm(t.emulator, `/?invoiceToken=${token}`);
    expect(confirm).toMatchObject({
      status: "completed",
      operator_id: "16",
      operator_name: "ORANGE CI",
    });
    expect(confirm.customer).toMatch(/^225\d+$/);
    await eventually(() => t.sink.received.length === 2);
  });

  it("Decline settles as notcompleted and returns to the shop", async () => {
    const { payUrl, token } = await createInvoice(t.emulator, t.sink.url);
    const res = await press(payUrl, { action: "decline", operator: "11" });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("https://mystore.com/payment/success");
    expect((await getConfirm(t.emulator, `/?invoiceToken=${token}`)).status).toBe("notcompleted");
    await eventually(() => t.sink.received.length === 2);
  });

  it("does not hold the browser while the shop's callback endpoint hangs", async () => {
    const { payUrl } = await createInvoice(t.emulator, t.sink.url);
    t.sink.hang(1);
    const res = await press(payUrl, { action: "pay", operator: "11" });
    expect(res.status).toBe(303);
    expect(t.emulator.invoices()[0]?.status).toBe("completed");
  });

  it("Cancel returns to cancel_url and leaves the invoice pending, without callbacks", async () => {
    const { payUrl } = await createInvoice(t.emulator, t.sink.url);
    const res = await press(payUrl, { action: "cancel" });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("https://mystore.com/payment/cancel");
    expect(t.emulator.invoices()[0]?.status).toBe("pending");
    expect(t.emulator.callbacks()).toEqual([]);
  });

  it("shows a settled invoice as already paid, without buttons, and refuses to pay it twice", async () => {
    const { payUrl, id } = await createInvoice(t.emulator, t.sink.url);
    await t.emulator.settle(id, "completed");
    const fr = await (await fetch(payUrl)).text();
    expect(fr).toContain("déjà payée");
    expect(fr).not.toContain('value="pay"');
    expect(await (await fetch(`${payUrl}?lang=en`)).text()).toContain("already paid");
    const again = await press(payUrl, { action: "decline", operator: "11" });
    expect(again.status).toBe(409);
    expect(t.emulator.invoices()[0]?.status).toBe("completed");
    expect(t.emulator.callbacks()).toHaveLength(2);
  });

  it("answers 400 to an unknown action or operator", async () => {
    const { payUrl } = await createInvoice(t.emulator, t.sink.url);
    expect((await press(payUrl, { action: "steal" })).status).toBe(400);
    expect((await press(payUrl, { action: "pay", operator: "999" })).status).toBe(400);
    expect(t.emulator.invoices()[0]?.status).toBe("pending");
  });

  it("answers an unknown token with a 404 page that still refuses framing", async () => {
    const res = await fetch(`${t.emulator.url}/directpayment/invoice/not-a-token?lang=en`);
    expect(res.status).toBe(404);
    expect(res.headers.get("x-frame-options")).toBe("DENY");
    expect(await res.text()).toContain("Invoice not found");
    const post = await press(`${t.emulator.url}/directpayment/invoice/not-a-token`, {
      action: "pay",
    });
    expect(post.status).toBe(404);
  });
});
