import type { DeliveredPayoutCallback } from "../payouts/types.js";
import type { DeliveredCallback } from "../types.js";
import { retryDelay, type RetryPolicy } from "./backoff.js";
import type { CallbackPost } from "./plan.js";
import { postOnce } from "./post.js";

/** What an event's callbacks are about: an invoice (payin) or a payout. */
export interface CallbackSubject {
  kind: "invoice" | "payout";
  id: string;
}

type Delivery = Omit<DeliveredCallback, "invoiceId"> & { subject: CallbackSubject };

/** Sends callback posts with bounded retries, records every try, and can cancel everything. */
export class CallbackDispatcher {
  readonly #policy: RetryPolicy;
  readonly #log: (line: string) => void;
  readonly #deliveries: Delivery[] = [];
  #abort = new AbortController();

  constructor(policy: RetryPolicy, log: (line: string) => void) {
    this.#policy = policy;
    this.#log = log;
  }

  /**
   * Sends the posts of one event one after another, each retried until a 2xx or the attempts run
   * out. Resolves when all are delivered or given up, or at once when cancelled.
   */
  async deliver(
    subject: CallbackSubject,
    url: string,
    posts: CallbackPost[],
    delayMs = 0,
  ): Promise<void> {
    const signal = this.#abort.signal;
    const name = `${subject.kind === "payout" ? "payout " : ""}${subject.id}`;
    if (posts.length === 0 || !(await sleep(delayMs, signal))) return;
    for (const post of posts) {
      for (let attempt = 1; ; attempt += 1) {
        const { timeoutMs, attempts } = this.#policy;
        const responseStatus = await postOnce(url, post.contentType, post.body, timeoutMs, signal);
        if (signal.aborted) return;
        this.#deliveries.push({ subject, url, ...post, responseStatus, attempt });
        const kind = post.contentType === "application/json" ? "json" : "form";
        this.#log(
          `callback ${name} ${kind} ${post.status} -> ${responseStatus ?? "no answer"} (try ${attempt}/${attempts})`,
        );
        if (responseStatus !== null && responseStatus >= 200 && responseStatus < 300) break;
        if (attempt >= attempts) {
          this.#log(`callback ${name} ${kind} given up after ${attempts} tries`);
          break;
        }
        if (!(await sleep(retryDelay(this.#policy, attempt), signal))) return;
      }
    }
  }

  /** Every invoice callback try so far, oldest first (copies). */
  deliveries(): DeliveredCallback[] {
    return this.#deliveries
      .filter(({ subject }) => subject.kind === "invoice")
      .map(({ subject, ...delivery }) => ({ invoiceId: subject.id, ...delivery }));
  }

  /** Every payout callback try so far, oldest first (copies). */
  payoutDeliveries(): DeliveredPayoutCallback[] {
    return this.#deliveries
      .filter(({ subject }) => subject.kind === "payout")
      .map(({ subject, ...delivery }) => ({ payoutId: subject.id, ...delivery }));
  }

  /** Aborts sends in flight and pending waits; their events resolve without recording more. */
  cancelAll(): void {
    this.#abort.abort();
    this.#abort = new AbortController();
  }

  clear(): void {
    this.cancelAll();
    this.#deliveries.length = 0;
  }
}

/** Waits `ms`; resolves `false` instead if the signal aborts first. */
function sleep(ms: number, signal: AbortSignal): Promise<boolean> {
  if (signal.aborted) return Promise.resolve(false);
  if (ms <= 0) return Promise.resolve(true);
  return new Promise((resolve) => {
    const onAbort = (): void => {
      clearTimeout(timer);
      resolve(false);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener("abort", onAbort);
      resolve(true);
    }, ms);
    signal.addEventListener("abort", onAbort, { once: true });
  });
}
