/**
 * An in-process LigdiCash for engine-level tests: a `fetch` that answers invoice create and
 * confirm from a table, with the faults the state machine must survive. The HTTP emulator
 * (@ligdicash-kit/emulator) covers the wire; this one makes every answer and its timing scriptable.
 */

export type ConfirmFault =
  | "500"
  | "timeout"
  /** The connection fails at once (refused, reset). */
  | "reset"
  | { status: 429; retryAfter?: string }
  | { gate: Promise<void> }
  /** The answer waits for the promise this returns, made when the call arrives. */
  | { wait: () => Promise<void> };

export interface FakeInvoice {
  token: string;
  transactionId: string;
  orderId: string;
  amount: number;
  state: "pending" | "completed" | "notcompleted" | "nocompleted";
  /** What confirm reports once completed (LigdiCash may confirm another amount or transaction). */
  paid: { amount: number; transactionId: string; currency: string };
}

export class FakeLigdicash {
  readonly invoices: FakeInvoice[] = [];
  readonly confirmCalls: string[] = [];
  /** Faults consumed by the next confirm calls, any token. */
  readonly confirmFaults: ConfirmFault[] = [];
  /** The next creates fail with HTTP 500. */
  failCreates = 0;
  #serial = 0;

  readonly fetch = (async (input: string | URL, init?: RequestInit) => {
    const url = new URL(input);
    if (url.pathname.endsWith("/create")) {
      return this.#create(typeof init?.body === "string" ? init.body : "{}");
    }
    const token = url.searchParams.get("invoiceToken") ?? url.searchParams.get("token") ?? "";
    this.confirmCalls.push(token);
    const fault = this.confirmFaults.shift();
    if (fault === "500") return new Response("oops", { status: 500 });
    if (fault === "timeout") return hang(init?.signal);
    if (fault === "reset") throw new TypeError("fetch failed");
    if (fault !== undefined && "status" in fault) {
      const headers: Record<string, string> = fault.retryAfter
        ? { "retry-after": fault.retryAfter }
        : {};
      return new Response("slow down", { status: 429, headers });
    }
    if (fault !== undefined) await ("gate" in fault ? fault.gate : fault.wait());
    return this.#confirm(token);
  }) as typeof fetch;

  /** The shopper pays the invoice (optionally LigdiCash reports another amount or transaction). */
  pay(invoice: FakeInvoice, reported: Partial<FakeInvoice["paid"]> = {}): void {
    invoice.state = "completed";
    Object.assign(invoice.paid, reported);
  }

  decline(invoice: FakeInvoice, spelling: "notcompleted" | "nocompleted" = "notcompleted"): void {
    invoice.state = spelling;
  }

  invoiceOf(transactionId: string): FakeInvoice {
    const found = this.invoices.find((i) => i.transactionId === transactionId);
    if (!found) throw new Error(`no invoice for ${transactionId}`);
    return found;
  }

  confirmsOf(invoice: FakeInvoice): number {
    return this.confirmCalls.filter((t) => t === invoice.token).length;
  }

  #create(body: string): Response {
    if (this.failCreates > 0) {
      this.failCreates -= 1;
      return new Response("down", { status: 500 });
    }
    const command = (JSON.parse(body) as { commande: Record<string, unknown> }).commande;
    const invoice = command.invoice as { total_amount: number };
    const custom = command.custom_data as { transaction_id: string; order_id: string };
    this.#serial += 1;
    const expiry = Math.floor(Date.now() / 1000) + 86_400;
    const payload = Buffer.from(JSON.stringify({ id_invoice: this.#serial, expiry_date: expiry }));
    const token = `eyJhbGciOiJIUzI1NiJ9.${payload.toString("base64url")}.sig${this.#serial}`;
    this.invoices.push({
      token,
      transactionId: custom.transaction_id,
      orderId: custom.order_id,
      amount: invoice.total_amount,
      state: "pending",
      paid: { amount: invoice.total_amount, transactionId: custom.transaction_id, currency: "XOF" },
    });
    return Response.json({
      response_code: "00",
      token,
      response_text: `https://pay.example/invoice/${this.#serial}`,
    });
  }

  #confirm(token: string): Response {
    const invoice = this.invoices.find((i) => i.token === token);
    if (!invoice) return Response.json({ response_code: "01", response_text: "Echec (Code02)" });
    const completed = invoice.state === "completed";
    return Response.json({
      response_code: "00",
      status: invoice.state,
      amount: completed ? invoice.paid.amount : invoice.amount,
      devise: invoice.paid.currency,
      operator_name: completed ? "ORANGE BURKINA" : "",
      customer: completed ? "22670000000" : "",
      custom_data: [
        {
          keyof_customdata: "transaction_id",
          valueof_customdata: completed ? invoice.paid.transactionId : invoice.transactionId,
        },
      ],
    });
  }
}

function hang(signal: AbortSignal | null | undefined): Promise<Response> {
  return new Promise((_, reject) => {
    signal?.addEventListener("abort", () => reject(signal.reason as Error), { once: true });
  });
}
