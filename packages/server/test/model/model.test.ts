import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { ConfirmFault } from "../fake-ligdicash.js";
import { flush } from "../sim-clock.js";
import {
  FIRST_CHECK_MS,
  HOOK_TIMEOUT_MS,
  LEASE_MS,
  MAX_BACKOFF_MS,
  RECHECK_MS,
  SKEW_BOUND_MS,
  World,
  type HookPlan,
} from "./world.js";

/**
 * The kit's promises, checked against random interleavings of everything that happens to a shop:
 * pay clicks, amount changes, shoppers paying or declining (LigdiCash confirming the right or a
 * wrong amount, currency or transaction), form and JSON callbacks, status polls, reconciler ticks
 * on any of three processes whose clocks disagree, crashes, rolling deploys (`close()`), hooks that
 * outlive their timeout or throw, and confirm calls that time out, fail, are rate-limited or slow.
 *
 * Invariants: a payment only moves pending → paid | failed; a hook never runs beside itself;
 * onPaid only for the attempt that owns the order, at the order's amount; at most one attempt
 * fulfils an order; once callbacks stop, every payment LigdiCash settled is settled within
 * firstCheckAfterMs plus one reconciler pass, and every completed payment reaches exactly one
 * hook (onPaid or onRefundNeeded), re-runs of interrupted hooks aside.
 */
const RUNS = Number(process.env.MODEL_RUNS ?? 1_000);
const PROCESSES = 3;
const ORDERS = ["order_a", "order_b"];
const AMOUNTS = [1_000, 2_000, 5_000];

const slot = fc.integer({ min: 0, max: PROCESSES - 1 });
const order = fc.constantFrom(...ORDERS);
const invoice = fc.nat({ max: 7 });

const action = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant("pay" as const), slot, order }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant("amount" as const),
      order,
      amount: fc.constantFrom(...AMOUNTS),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("createFails" as const) }) },
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant("shopperPays" as const),
      invoice,
      variant: fc.constantFrom("exact", "exact", "exact", "amount", "currency", "transaction"),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant("decline" as const),
      invoice,
      spelling: fc.constantFrom("notcompleted" as const, "nocompleted" as const),
    }),
  },
  {
    weight: 5,
    arbitrary: fc.record({
      kind: fc.constant("callback" as const),
      slot,
      invoice,
      form: fc.boolean(),
    }),
  },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant("poll" as const), slot, order }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant("tick" as const), slot }) },
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant("advance" as const),
      ms: fc.constantFrom(
        100,
        1_000,
        RECHECK_MS,
        HOOK_TIMEOUT_MS + 100,
        LEASE_MS * 3,
        FIRST_CHECK_MS,
      ),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("crash" as const), slot }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("redeploy" as const), slot }) },
);
type Action = typeof action extends fc.Arbitrary<infer A> ? A : never;

const fault: fc.Arbitrary<ConfirmFault | null> = fc.oneof(
  { weight: 6, arbitrary: fc.constant(null) },
  { weight: 1, arbitrary: fc.constantFrom<ConfirmFault>("500", "reset") },
  { weight: 1, arbitrary: fc.constant<ConfirmFault>({ status: 429, retryAfter: "5" }) },
  { weight: 1, arbitrary: fc.constant(null).map(() => "slow" as unknown as ConfirmFault) },
);

const hookPlan: fc.Arbitrary<HookPlan> = fc.record({
  durationMs: fc.constantFrom(0, 0, 500, HOOK_TIMEOUT_MS * 2),
  throws: fc.integer({ min: 0, max: 4 }).map((n) => n === 0),
});

const scenario = fc.record({
  actions: fc.array(action, { minLength: 5, maxLength: 40 }),
  faults: fc.array(fault, { maxLength: 30 }),
  /** Faults met by the confirms of the last callbacks (LigdiCash still failing as they arrive; each lasts a confirm and its two retries). */
  lastFaults: fc.array(fault, { maxLength: 4 }),
  hooks: fc.array(hookPlan, { minLength: 1, maxLength: 8 }),
  skews: fc.array(fc.integer({ min: -SKEW_BOUND_MS, max: SKEW_BOUND_MS }), {
    minLength: PROCESSES,
    maxLength: PROCESSES,
  }),
});

async function play(world: World, step: Action): Promise<void> {
  const invoices = world.ligdicash.invoices;
  switch (step.kind) {
    case "pay": {
      if (!world.orders.has(step.order)) world.orders.set(step.order, { amount: AMOUNTS[0]! });
      const answer = await world.track(
        step.slot,
        world.request(step.slot, "POST", "/pay", { orderId: step.order }),
      );
      if (![200, 409, 503].includes(answer?.status ?? 0)) {
        world.violations.push(`pay answered ${answer?.status}: ${answer?.body}`);
      }
      return;
    }
    case "amount":
      world.orders.set(step.order, { amount: step.amount });
      return;
    case "createFails":
      world.ligdicash.failCreates = 1;
      return;
    case "shopperPays": {
      const target = invoices[step.invoice % Math.max(1, invoices.length)];
      if (!target || target.state !== "pending") return;
      const reported = {
        exact: {},
        amount: { amount: target.amount - 1 },
        currency: { currency: "EUR" },
        transaction: { transactionId: "pay_someoneelsesomeoneelse00" },
      }[step.variant];
      world.ligdicash.pay(target, reported);
      return;
    }
    case "decline": {
      const target = invoices[step.invoice % Math.max(1, invoices.length)];
      if (target?.state === "pending") world.ligdicash.decline(target, step.spelling);
      return;
    }
    case "callback": {
      const target = invoices[step.invoice % Math.max(1, invoices.length)];
      if (!target) return;
      await deliverCallback(world, step.slot, target.transactionId, target.state, step.form);
      return;
    }
    case "poll":
      if (!world.orders.has(step.order)) return;
      void world.track(step.slot, world.request(step.slot, "GET", `/status/${step.order}`));
      return;
    case "tick":
      void world.track(step.slot, world.processes[step.slot]!.kit.reconcile());
      return;
    case "advance":
      await world.clock.advance(step.ms);
      return;
    case "crash":
      await world.crash(step.slot);
      return;
    case "redeploy":
      await world.redeploy(step.slot);
      return;
  }
}

async function deliverCallback(
  world: World,
  slot: number,
  transactionId: string,
  status: string,
  form: boolean,
): Promise<void> {
  const customData = [{ keyof_customdata: "transaction_id", valueof_customdata: transactionId }];
  const body = form
    ? { status, custom_data: JSON.stringify(customData) }
    : { status, custom_data: customData };
  const answer = await world.request(slot, "POST", "/callback", body, form);
  if (answer?.status !== 200) {
    world.violations.push(`callback answered ${answer?.status}: ${answer?.body}`);
  }
}

/** Callbacks stop: each settled invoice gets one last callback, then time runs on. */
async function settleDown(world: World, lastFaults: ConfirmFault[]): Promise<void> {
  world.calm = true;
  world.ligdicash.confirmFaults.splice(0, Infinity, ...lastFaults);
  const settled = world.ligdicash.invoices.filter((i) => i.state !== "pending");
  // The last callbacks' own confirms may still meet the faults left; then LigdiCash recovers.
  for (const [index, target] of settled.entries()) {
    await deliverCallback(world, index % PROCESSES, target.transactionId, target.state, false);
  }
  // Their confirms run (after the spacing between confirms of one payment), meeting those faults.
  await world.clock.advance(RECHECK_MS + 1_000);
  world.ligdicash.confirmFaults.length = 0;
  // Within firstCheckAfterMs (and the hosts' skew) plus one reconciler pass, LigdiCash's answer
  // is in the store, whatever happened to the callbacks' own confirms.
  await world.clock.advance(FIRST_CHECK_MS + 2 * SKEW_BOUND_MS + RECHECK_MS);
  const pass = world.processes.map((p) => p.kit.reconcile());
  await world.clock.advance(RECHECK_MS + 1_000);
  await Promise.all(pass);
  for (const target of settled) {
    const payment = await world.store.get(target.transactionId);
    if (payment?.status === "pending") {
      world.violations.push(`${target.transactionId} (${target.state} at LigdiCash) still pending`);
    }
  }
  // Hooks that threw or were cut short come back after their backoff or lease.
  for (let round = 0; round < 8; round++) {
    await world.clock.advance(MAX_BACKOFF_MS);
    const passes = world.processes.map((p) => p.kit.reconcile());
    await world.clock.advance(RECHECK_MS + 1_000);
    await Promise.all(passes);
  }
  await Promise.all(world.processes.map((p) => p.kit.idle(1_000)));
}

async function checkOutcome(world: World): Promise<void> {
  const byPayment = new Map<string, string[]>();
  for (const { kind, payment } of world.completions) {
    byPayment.set(payment.id, [...(byPayment.get(payment.id) ?? []), kind]);
  }
  const fulfilledOrders = new Map<string, Set<string>>();
  for (const { kind, payment } of world.completions) {
    if (kind !== "onPaid") continue;
    const set = fulfilledOrders.get(payment.orderId) ?? new Set();
    set.add(payment.id);
    fulfilledOrders.set(payment.orderId, set);
  }
  for (const [orderId, payments] of fulfilledOrders) {
    if (payments.size > 1)
      world.violations.push(`${orderId} fulfilled by ${[...payments].join(", ")}`);
  }
  for (const target of world.ligdicash.invoices) {
    const runs = byPayment.get(target.transactionId) ?? [];
    const allowed = 1 + (world.interrupted.get(target.transactionId) ?? 0);
    if (target.state === "completed") {
      const money = runs.filter((k) => k === "onPaid" || k === "onRefundNeeded");
      if (money.length < 1 || money.length > allowed || runs.length !== money.length) {
        world.violations.push(
          `completed ${target.transactionId} reached ${JSON.stringify(runs)} (allowed ${allowed})`,
        );
      }
    } else if (runs.some((k) => k !== "onFailed") || runs.length > allowed) {
      world.violations.push(
        `${target.state} ${target.transactionId} reached ${JSON.stringify(runs)}`,
      );
    }
  }
}

describe("the payment state machine, on random interleavings", () => {
  it(`keeps its promises (${RUNS} runs)`, async () => {
    await fc.assert(
      fc.asyncProperty(scenario, async ({ actions, faults, lastFaults, hooks, skews }) => {
        const world = new World(skews, hooks);
        const real = (f: ConfirmFault | null): ConfirmFault => {
          if ((f as unknown) === "slow") {
            return { wait: () => new Promise((r) => world.clock.setTimeout(r, 2_000)) };
          }
          return f ?? { wait: () => Promise.resolve() };
        };
        world.ligdicash.confirmFaults.push(...faults.map(real));
        for (const step of actions) {
          world.trace.push(`t=${world.clock.now()} ${JSON.stringify(step)}`);
          await play(world, step);
          await flush();
          await world.checkTerminal();
        }
        await settleDown(
          world,
          lastFaults.flatMap((f) => [real(f), real(f), real(f)]),
        );
        await world.checkTerminal();
        await world.settleWork();
        await checkOutcome(world);
        // On failure the message carries the run's trace: actions, store calls and hook runs.
        expect(world.violations, world.trace.join("\n")).toEqual([]);
      }),
      { numRuns: RUNS, endOnFailure: true },
    );
  }, 600_000);
});
