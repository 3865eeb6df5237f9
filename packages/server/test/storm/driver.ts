import type { Rotation } from "./balancer.js";

export type Route = "pay" | "callback" | "status";

/** One request the storm sent to an instance and the answer it got. */
export interface Sample {
  route: Route;
  /** Sent (performance.now()) and answered, in ms. */
  sent: number;
  ms: number;
  status: number;
  /** The answer's `status` field, for polls. */
  answer?: string | undefined;
}

export interface Answer {
  status: number;
  body: Record<string, unknown>;
}

/**
 * Sends requests to the instances in turn, as shoppers and LigdiCash behind a load balancer would.
 * A connection cut by a killed instance is not an answer: the request goes to the next instance
 * (every route the storm sends is safe to repeat) and is counted in `cut`.
 */
export class Driver {
  readonly samples: Sample[] = [];
  cut = 0;

  constructor(private readonly rotation: Rotation) {}

  async send(route: Route, path: string, init: RequestInit = {}): Promise<Answer> {
    for (let attempt = 0; attempt < 8; attempt++) {
      const target = this.rotation.next();
      if (!target) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        continue;
      }
      const sent = performance.now();
      let response: Response;
      let text: string;
      try {
        response = await fetch(target.url + path, { ...init, signal: AbortSignal.timeout(15_000) });
        text = await response.text();
      } catch (error) {
        if ((error as Error).name === "TimeoutError") throw error;
        this.cut += 1;
        continue;
      }
      const body = parse(text);
      const answer = typeof body.status === "string" ? body.status : undefined;
      this.samples.push({
        route,
        sent,
        ms: performance.now() - sent,
        status: response.status,
        answer,
      });
      return { status: response.status, body };
    }
    throw new Error(`no instance answered ${route} ${path}`);
  }

  pay(orderId: string): Promise<Answer> {
    return this.send("pay", "/api/ligdicash/pay", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ orderId }),
    });
  }

  poll(orderId: string): Promise<Answer> {
    return this.send("status", `/api/ligdicash/status/${encodeURIComponent(orderId)}`);
  }

  /** A callback as LigdiCash posts it, in either of its encodings. */
  callback(transactionId: string, amount: number, encoding: "json" | "form"): Promise<Answer> {
    const customData = [{ keyof_customdata: "transaction_id", valueof_customdata: transactionId }];
    const payload = {
      status: "completed",
      amount,
      montant: amount,
      token: "",
      response_code: "00",
    };
    const body =
      encoding === "json"
        ? JSON.stringify({ ...payload, custom_data: customData })
        : new URLSearchParams({
            ...Object.fromEntries(Object.entries(payload).map(([k, v]) => [k, String(v)])),
            custom_data: JSON.stringify(customData),
          }).toString();
    const type = encoding === "json" ? "application/json" : "application/x-www-form-urlencoded";
    return this.send("callback", "/api/ligdicash/callback", {
      method: "POST",
      headers: { "content-type": type },
      body,
    });
  }
}

function parse(text: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === "object" && value !== null ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** Runs `work` for every item, `concurrency` at a time; the first failure stops the rest. */
export async function eachLimited<T>(
  items: readonly T[],
  concurrency: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  let failed = false;
  const worker = async () => {
    while (!failed && next < items.length) {
      try {
        await work(items[next++]!);
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
}
