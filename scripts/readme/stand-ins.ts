/**
 * What README snippets refer to without defining: the shop's own database and handlers, the
 * app, names from the surrounding prose. Each is added to a snippet only when the snippet uses the
 * name and does not define or import it; `needs` are added before it.
 */
export interface StandIn {
  name: string;
  code: string;
  needs?: string[];
}

const common: StandIn[] = [
  { name: "express", code: 'import express from "express";' },
  { name: "Koa", code: 'import Koa from "koa";' },
  { name: "app", code: "const app = express();", needs: ["express"] },
  {
    name: "db",
    code: `interface OrderRow { id: string; number: string; total: number }
declare const db: { orders: {
  find(id: string): Promise<OrderRow | undefined>;
  markPaid(orderId: string, ref: string | { paymentId: string }): Promise<void>;
  markRefunded(orderId: string | null, amount: number): Promise<void>;
}; refunds: {
  queue(orderId: string, paymentId: string, amount: number): Promise<void>;
}; sellerPayouts: {
  markPaid(payoutId: string): Promise<void>;
} };`,
  },
  {
    name: "ops",
    code: "declare const ops: { alert(subject: string, detail?: string): Promise<void> };",
  },
  { name: "PaymentInfo", code: 'import type { PaymentInfo } from "@ligdicash-kit/server";' },
  { name: "it", code: 'import { it } from "vitest";' },
  { name: "expect", code: 'import { expect } from "vitest";' },
  { name: "beforeAll", code: 'import { beforeAll } from "vitest";' },
  { name: "afterAll", code: 'import { afterAll } from "vitest";' },
  { name: "afterEach", code: 'import { afterEach } from "vitest";' },
];

/** Server-side snippets: getOrder and onPaid are the shop's hooks. */
const server: StandIn[] = [
  { name: "ligdicash", code: 'import { ligdicash } from "@ligdicash-kit/server/express";' },
  {
    name: "getOrder",
    code: "declare const getOrder: (orderId: string) => Promise<{ amount: number } | null>;",
  },
  {
    name: "onPaid",
    code: "declare const onPaid: (payment: PaymentInfo) => Promise<void>;",
    needs: ["PaymentInfo"],
  },
  {
    name: "Bun",
    code: `declare const Bun: { serve(options: { port?: number; fetch(request: Request): Response | Promise<Response> }): { stop(): void } };`,
  },
  {
    name: "Deno",
    code: `declare const Deno: { serve(options: { port?: number }, handler: (request: Request) => Response | Promise<Response>): unknown };`,
  },
  {
    name: "after",
    code: "declare function after(task: Promise<unknown> | (() => unknown)): void;",
  },
  {
    name: "MyStore",
    code: 'import { MemoryPaymentStore as MyStore } from "@ligdicash-kit/server";',
  },
];

/** React snippets: the callbacks are the page's, the order is the one on screen. */
const react: StandIn[] = [
  { name: "order", code: "declare const order: { id: string; total: number };" },
  { name: "orderId", code: "declare const orderId: string;" },
  { name: "navigate", code: "declare const navigate: (to: string) => void;" },
  {
    name: "Receipt",
    code: 'declare function Receipt(props: { orderId: string }): import("react").ReactElement;',
  },
  ...[
    "usePay",
    "usePaymentStatus",
    "useLigdicash",
    "PayButton",
    "ReturnPage",
    "LigdicashProvider",
  ].map((name) => ({
    name,
    code: `import { ${name} } from "@ligdicash-kit/react";`,
  })),
  ...["onPaid", "onFailed", "onClose"].map((name) => ({
    name,
    code: `declare const ${name}: (orderId: string) => void;`,
  })),
  { name: "onError", code: "declare const onError: (error: Error) => void;" },
  { name: "onBeforeRedirect", code: "declare const onBeforeRedirect: (payUrl: string) => void;" },
  { name: "clearCart", code: "declare const clearCart: () => void;" },
  { name: "lang", code: 'declare const lang: "fr" | "en";' },
];

export function standInsFor(lang: string): StandIn[] {
  return [...common, ...(lang === "tsx" ? react : server)];
}

/** The stand-ins a snippet needs, in an order where each comes after what it needs. */
export function preludeFor(snippet: string, lang: string): string {
  const all = standInsFor(lang);
  const chosen: StandIn[] = [];
  const add = (standIn: StandIn) => {
    if (chosen.includes(standIn)) return;
    for (const need of standIn.needs ?? []) {
      const found = all.find((s) => s.name === need);
      if (found && !defines(snippet, need)) add(found);
    }
    chosen.push(standIn);
  };
  for (const standIn of all) {
    if (uses(snippet, standIn.name) && !defines(snippet, standIn.name)) add(standIn);
  }
  return chosen.map((s) => s.code).join("\n");
}

function uses(snippet: string, name: string): boolean {
  // Code only: not in comments or strings, roughly (enough for README snippets).
  const code = snippet.replace(/\/\/.*$/gm, "").replace(/(["'`])(?:\\.|(?!\1).)*\1/g, '""');
  return new RegExp(`(?<![\\w.$])${name}(?![\\w$])`).test(code);
}

function defines(snippet: string, name: string): boolean {
  return (
    new RegExp(`^import[^;]*[{,\\s]${name}[\\s,}][^;]*from`, "m").test(snippet) ||
    new RegExp(`^import ${name} from`, "m").test(snippet) ||
    new RegExp(`(const|let|function|class)\\s+${name}\\b`).test(snippet) ||
    new RegExp(`(const|let)\\s+\\{[^}]*\\b${name}\\b[^}]*\\}\\s*=`).test(snippet)
  );
}
