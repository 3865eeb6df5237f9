import type { OrderRecord } from "../../src/model/order.js";
import type { Payment } from "../../src/model/payment.js";
import type { Relayed } from "./balancer.js";
import type { Sample } from "./driver.js";
import type { StormOrder } from "./plan.js";
import type { Kill, Run } from "./runs.js";

/** Everything the storm observed, once every instance has stopped. */
export interface Outcome {
  orders: StormOrder[];
  /** The attempt the storm paid for each order (from LigdiCash's invoices). */
  paymentIds: Map<string, string>;
  stored: Map<string, { attempts: Payment[]; record: OrderRecord | null }>;
  runs: Run[];
  kill: Kill | null;
  samples: Sample[];
  relayed: Relayed[];
  /** LigdiCash's own callback tries: which post of which invoice, and the status it got. */
  deliveries: Array<{ invoiceId: string; contentType: string; responseStatus: number | null }>;
  polls: Array<{ orderId: string; sent: number; done: number; answer: string | undefined }>;
  /** Requests cut by the kill and sent again to another instance. */
  cut: number;
  /** From the first pay to the last answer. */
  seconds: number;
}

export interface RouteFigures {
  route: string;
  count: number;
  p50: number;
  p99: number;
  max: number;
}

export interface Figures {
  orders: number;
  requests: number;
  seconds: number;
  perSecond: number;
  routes: RouteFigures[];
  fulfilments: number;
  onPaidRuns: number;
  reruns: number;
  /** Runs cut by the SIGKILL in the middle of the hook. */
  interrupted: number;
  fiveXX: number;
  cut: number;
  /** LigdiCash's callback tries that got no 200 within its 5 s, so that it tried again. */
  retriedByLigdicash: number;
  /** How long after the killed run's lease ended each re-run started (ms). */
  leaseGaps: number[];
}

/** The storm's promises, checked on what it observed: an empty list of failures when all hold. */
export function check(o: Outcome): { failures: string[]; figures: Figures } {
  const failures: string[] = [];
  const fail = (message: string) => void failures.push(message);
  const killedPid = o.kill?.pid ?? -1;
  const leaseGaps: number[] = [];
  let fulfilments = 0;
  let reruns = 0;

  for (const order of o.orders) {
    const id = order.orderId;
    const paymentId = o.paymentIds.get(id);
    const stored = o.stored.get(id);
    const paid = stored?.attempts.find((p) => p.status === "paid");
    if (stored?.attempts.length !== 1) fail(`${id}: ${stored?.attempts.length ?? 0} attempts`);
    if (!paid || paid.id !== paymentId) {
      fail(`${id}: not paid (${stored?.attempts.map((p) => p.status).join(",") ?? "nothing"})`);
      continue;
    }
    if (paid.amount !== order.amount) fail(`${id}: paid ${paid.amount}, expected ${order.amount}`);
    if (stored?.record?.paidBy !== paid.id) fail(`${id}: the order record is not paid by it`);
    if (paid.fulfilment === "done") fulfilments += 1;
    else fail(`${id}: fulfilment ${String(paid.fulfilment)}`);

    const runs = o.runs.filter((r) => r.orderId === id);
    const strangers = runs.filter((r) => r.kind !== "paid" || r.paymentId !== paid.id);
    if (strangers.length > 0) fail(`${id}: unexpected hook runs ${JSON.stringify(strangers)}`);
    const killed = runs.filter((r) => r.pid === killedPid);
    const live = runs.filter((r) => r.pid !== killedPid);
    if (live.some((r) => r.end === null)) fail(`${id}: onPaid never ended in a live instance`);
    if (runs.filter((r) => r.end !== null).length === 0) fail(`${id}: onPaid never completed`);
    if (live.filter((r) => r.end !== null).length > 1) fail(`${id}: onPaid completed twice`);
    if (runs.length - 1 > killed.length) {
      fail(
        `${id}: onPaid ran ${runs.length} times, ${killed.length} of them in the killed instance`,
      );
    }
    reruns += Math.max(0, runs.length - 1);
    overlaps(runs, o.kill, fail);
    if (killed.length > 0 && o.kill) leaseGaps.push(...afterLease(id, paid.id, live, o.kill, fail));
  }
  const unknown = o.runs.filter((r) => !o.paymentIds.has(r.orderId));
  if (unknown.length > 0) fail(`hook runs for orders the storm did not make: ${unknown.length}`);

  const interrupted = o.runs.filter((r) => r.pid === killedPid && r.end === null);
  if (!o.kill) fail("no slow onPaid started: the instance was not killed");
  else if (!interrupted.some((r) => r.orderId === o.kill?.orderId)) {
    fail(`the kill did not interrupt the onPaid of ${o.kill.orderId}`);
  }

  const answers = [...o.samples.map((s) => s.status), ...o.relayed.map((r) => r.status)];
  const fiveXX = answers.filter((s) => s >= 500).length;
  const notOk = count(answers.filter((s) => s !== 200));
  if (notOk.size > 0) fail(`answers other than 200: ${JSON.stringify(Object.fromEntries(notOk))}`);
  // LigdiCash retries a post it got no 200 for (in 5 s): each must have been answered in the end.
  const answered = new Set(
    o.deliveries.flatMap((d) =>
      d.responseStatus === 200 ? [`${d.invoiceId} ${d.contentType}`] : [],
    ),
  );
  const posts = new Set(o.deliveries.map((d) => `${d.invoiceId} ${d.contentType}`));
  if (posts.size !== o.orders.length * 2) fail(`LigdiCash posted ${posts.size} callbacks`);
  const lost = [...posts].filter((post) => !answered.has(post));
  if (lost.length > 0) fail(`${lost.length} of LigdiCash's callbacks never got a 200`);
  checkPolls(o.polls, fail);

  const requests = o.samples.length + o.relayed.length;
  const figures: Figures = {
    orders: o.orders.length,
    requests,
    seconds: o.seconds,
    perSecond: requests / o.seconds,
    routes: [
      route(
        "POST /pay",
        o.samples.filter((s) => s.route === "pay"),
      ),
      route(
        "GET /status",
        o.samples.filter((s) => s.route === "status"),
      ),
      route(
        "POST /callback (duplicates)",
        o.samples.filter((s) => s.route === "callback"),
      ),
      route("POST /callback (LigdiCash's, via the balancer)", o.relayed),
    ],
    fulfilments,
    onPaidRuns: o.runs.filter((r) => r.kind === "paid").length,
    reruns,
    interrupted: interrupted.length,
    fiveXX,
    cut: o.cut + o.relayed.reduce((n, r) => n + r.retries, 0),
    retriedByLigdicash: o.deliveries.filter((d) => d.responseStatus !== 200).length,
    leaseGaps,
  };
  return { failures, figures };
}

/** No two runs of one payment overlap; a run cut by the kill ended when its process was gone. */
function overlaps(runs: Run[], kill: Kill | null, fail: (m: string) => void): void {
  const ends = (r: Run) =>
    r.end ?? (kill && r.pid === kill.pid ? kill.diedAt : Number.POSITIVE_INFINITY);
  const sorted = [...runs].sort((a, b) => a.start - b.start);
  for (let i = 1; i < sorted.length; i++) {
    const [before, after] = [sorted[i - 1]!, sorted[i]!];
    if (after.start < ends(before)) {
      fail(`${after.orderId}: onPaid runs overlap (pid ${before.pid} and pid ${after.pid})`);
    }
  }
}

/** A re-run starts after the killed process is gone and after the lease it held expired. */
function afterLease(
  orderId: string,
  paymentId: string,
  reruns: Run[],
  kill: Kill,
  fail: (m: string) => void,
) {
  const lease = kill.leases.get(paymentId);
  const gaps: number[] = [];
  for (const run of reruns) {
    if (run.start < kill.diedAt) continue; // ran and ended before the kill (checked by overlaps)
    if (lease && run.start <= lease.readAt) {
      fail(`${orderId}: re-run started before the storm had read the killed run's lease`);
      continue;
    }
    if (lease && lease.fulfilment !== null) {
      fail(`${orderId}: onPaid ran again though the killed run's completion was saved`);
    } else if (lease?.claimedUntil != null) {
      // Both clocks are this machine's; 1 ms for the store's rounding of its own clock.
      if (run.start < lease.claimedUntil - 1) {
        fail(`${orderId}: re-run ${lease.claimedUntil - run.start} ms before the lease expired`);
      }
      gaps.push(run.start - lease.claimedUntil);
    }
  }
  return gaps;
}

/** A shopper never sees `paid` turn back into `pending`. */
function checkPolls(polls: Outcome["polls"], fail: (m: string) => void): void {
  const paidAt = new Map<string, number>();
  for (const p of polls) {
    if (p.answer === "paid")
      paidAt.set(p.orderId, Math.min(paidAt.get(p.orderId) ?? p.done, p.done));
  }
  const back = polls.filter(
    (p) => p.answer !== "paid" && p.sent > (paidAt.get(p.orderId) ?? Infinity),
  );
  if (back.length > 0)
    fail(`${back.length} polls answered ${back[0]?.answer} after a poll saw paid`);
}

function route(name: string, samples: Array<{ ms: number }>): RouteFigures {
  const ms = samples.map((s) => s.ms).sort((a, b) => a - b);
  const at = (q: number) =>
    ms[Math.min(ms.length - 1, Math.max(0, Math.ceil(q * ms.length) - 1))] ?? NaN;
  return { route: name, count: ms.length, p50: at(0.5), p99: at(0.99), max: ms.at(-1) ?? NaN };
}

function count<T>(values: T[]): Map<T, number> {
  const counts = new Map<T, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return counts;
}
