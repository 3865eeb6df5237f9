import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll } from "vitest";
import { startEmulator, type Emulator, type EmulatorOptions } from "../src/index.js";

export const CREATE = "/pay/v01/redirect/checkout-invoice/create";
export const CONFIRM = "/pay/v01/redirect/checkout-invoice/confirm";
export const AUTH = {
  Apikey: "emulator-api-key",
  Authorization: "Bearer emulator-auth-token",
  Accept: "application/json",
};

/** A callback URL where nothing listens: the connection is refused at once. */
export const UNREACHABLE = "http://127.0.0.1:9/callback";

/** The create body of the documentation (ligdicash-api.md §3), with overridable parts. */
export function docCreateBody(
  callbackUrl = "https://mystore.com/api/ligdicash/callback",
  invoice: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    commande: {
      invoice: {
        items: [
          {
            name: "Premium",
            description: "1 month",
            quantity: 1,
            unit_price: 15000,
            total_price: 15000,
          },
        ],
        total_amount: 15000,
        devise: "XOF",
        description: "Order #order_7f3a9b",
        customer: "",
        customer_firstname: "Aminata",
        customer_lastname: "Ouedraogo",
        customer_email: "aminata@example.com",
        external_id: "",
        otp: "",
        ...invoice,
      },
      store: { name: "My Store", website_url: "https://mystore.com" },
      actions: {
        cancel_url: "https://mystore.com/payment/cancel",
        return_url: "https://mystore.com/payment/success",
        callback_url: callbackUrl,
      },
      custom_data: { transaction_id: "order_7f3a9b" },
    },
  };
}

export async function postCreate(
  emulator: Emulator,
  body: unknown,
  headers: Record<string, string> = AUTH,
): Promise<Record<string, unknown>> {
  const res = await fetch(`${emulator.url}${CREATE}`, {
    method: "POST",
    headers: { ...headers, "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
  return (await res.json()) as Record<string, unknown>;
}

/** Creates the documentation's invoice and returns its token and page URL. */
export async function createInvoice(
  emulator: Emulator,
  callbackUrl?: string,
): Promise<{ token: string; payUrl: string; id: string }> {
  const answer = await postCreate(emulator, docCreateBody(callbackUrl));
  const token = answer.token as string;
  const invoice = emulator.invoices().find((candidate) => candidate.token === token);
  if (!invoice) throw new Error(`create failed: ${JSON.stringify(answer)}`);
  return { token, payUrl: answer.response_text as string, id: invoice.id };
}

export async function getConfirm(
  emulator: Emulator,
  query: string,
  headers: Record<string, string> = AUTH,
): Promise<Record<string, unknown>> {
  const res = await fetch(`${emulator.url}${CONFIRM}${query}`, { headers });
  return (await res.json()) as Record<string, unknown>;
}

export interface ReceivedCallback {
  contentType: string;
  body: string;
}

/** A shop's callback endpoint on loopback that records what it receives. */
export interface CallbackSink {
  url: string;
  received: ReceivedCallback[];
  /** Statuses to answer, in order; 200 once they run out. */
  respondWith(statuses: number[]): void;
  /** Accept connections but never answer the next `count` requests. */
  hang(count: number): void;
  /** Forgets what was received and answers 200 again. */
  reset(): void;
  close(): Promise<void>;
}

export async function startCallbackSink(): Promise<CallbackSink> {
  const received: ReceivedCallback[] = [];
  let statuses: number[] = [];
  let hanging = 0;
  const server: Server = createServer((req: IncomingMessage, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      received.push({
        contentType: req.headers["content-type"] ?? "",
        body: Buffer.concat(chunks).toString("utf8"),
      });
      if (hanging > 0) {
        hanging -= 1;
        return;
      }
      res.writeHead(statuses.shift() ?? 200).end("ok");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/api/ligdicash/callback`,
    received,
    respondWith: (next) => {
      statuses = [...next];
    },
    hang: (count) => {
      hanging = count;
    },
    reset: () => {
      received.length = 0;
      statuses = [];
      hanging = 0;
    },
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** Polls `check` until it returns true, failing after `timeoutMs`. */
export async function eventually(check: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Decodes the payload of a JWT-shaped token. */
export function tokenPayload(token: string): Record<string, unknown> {
  const payload = token.split(".")[1] ?? "";
  return JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as Record<string, unknown>;
}

/**
 * One emulator and one callback sink for a test file, both reset after each test and closed at
 * the end. Read them from the returned object once the tests run.
 */
export function useEmulatorWithSink(options: EmulatorOptions): {
  emulator: Emulator;
  sink: CallbackSink;
} {
  const context = {} as { emulator: Emulator; sink: CallbackSink };
  beforeAll(async () => {
    context.emulator = await startEmulator({ port: 0, ...options });
    context.sink = await startCallbackSink();
  });
  afterAll(async () => {
    await context.emulator.close();
    await context.sink.close();
  });
  afterEach(() => {
    context.emulator.reset();
    context.sink.reset();
  });
  return context;
}
