import { fileURLToPath } from "node:url";
import type { PaymentStore } from "../../src/storage/store.js";
import type { Rotation } from "./balancer.js";
import type { Child, ChildMessage, Children } from "./processes.js";
import { readRuns, type Kill } from "./runs.js";

const here = (file: string) => fileURLToPath(new URL(file, import.meta.url));

/**
 * The shop instances: started with `settings` (plus their index), put in the rotation, and the
 * one that runs the first slow onPaid SIGKILLed at once and started again.
 */
export class Fleet {
  readonly #current = new Map<number, Child>();
  #generation = 0;
  /** The kill once it is done, and its work while under way. */
  kill: Kill | null = null;
  killing: Promise<void> | null = null;

  constructor(
    private readonly children: Children,
    private readonly rotation: Rotation,
    private readonly store: PaymentStore,
    private readonly dir: string,
    private readonly settings: Record<string, unknown>,
  ) {}

  async start(index: number): Promise<void> {
    const name = `instance-${index}-${this.#generation++}`;
    const settings = { ...this.settings, index, dir: this.dir };
    const child = await this.children.start(name, here("./instance.mjs"), settings, (m) =>
      this.#onHook(index, m),
    );
    this.#current.set(index, child);
    this.rotation.set(index, child.url);
  }

  /** Graceful stops (SIGTERM: the kit's close() lets running hooks finish). */
  async stop(): Promise<void> {
    await Promise.all([...this.#current.values()].map((child) => this.children.stop(child)));
  }

  #onHook(index: number, message: ChildMessage): void {
    const orderId = String(message.orderId);
    if (this.killing || message.event !== "paid-start" || !orderId.endsWith("-slow")) return;
    this.killing = this.#kill(index, orderId, String(message.id));
  }

  async #kill(index: number, orderId: string, paymentId: string): Promise<void> {
    const child = this.#current.get(index)!;
    this.rotation.remove(index);
    child.process.kill("SIGKILL");
    const diedAt = await child.exited;
    // The leases the dead process held, read at once: nobody may take one before it expires, so
    // these are the leases it left behind. Runs it had not finished (or had only just) come first.
    const runs = readRuns(this.dir).filter((r) => r.pid === child.pid);
    const recent = (r: (typeof runs)[number]) => r.end === null || r.end > diedAt - 2_000;
    const leases: Kill["leases"] = new Map();
    for (const batch of [runs.filter(recent), runs.filter((r) => !recent(r))]) {
      await Promise.all(
        batch.map(async ({ paymentId }) => {
          const p = await this.store.get(paymentId);
          const lease = {
            claimedUntil: p?.claimedUntil ?? null,
            fulfilment: p?.fulfilment ?? null,
          };
          leases.set(paymentId, { ...lease, readAt: Date.now() });
        }),
      );
    }
    this.kill = { index, pid: child.pid, orderId, paymentId, diedAt, leases };
    await this.start(index);
  }
}
