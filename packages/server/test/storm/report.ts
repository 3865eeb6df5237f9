import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { StormResult } from "./storm.js";

/** The instances' warn and error lines, counted by level and message. */
export function summarizeLogs(dir: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const file of readdirSync(dir).filter((f) => /^log-.*\.jsonl$/.test(f))) {
    for (const line of readFileSync(join(dir, file), "utf8").split("\n")) {
      if (line.trim() === "") continue;
      const { level, message } = JSON.parse(line) as { level: string; message?: string };
      const key = `${level}: ${message ?? ""}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
  }
  return counts;
}

const STORES = { postgres: "PostgreSQL", redis: "Redis" };
const int = (n: number) => Math.round(n).toLocaleString("en-US");
const ms = (n: number) => (Number.isFinite(n) ? n.toFixed(1) : "-");

/** The storm's figures as Markdown, for the console and for a closing note. */
export function formatReport(r: StormResult): string {
  const f = r.figures;
  const { size } = r;
  const lines = [
    `## Storm on ${STORES[r.store]}: ${size.instances} instances, ${size.orders} orders, ` +
      `${size.duplicates} duplicate callbacks and ${size.polls} polls per order (seed ${r.seed})`,
    "",
    `- orders ${f.orders}, requests ${int(f.requests)} in ${f.seconds.toFixed(1)} s: ${int(f.perSecond)} req/s`,
    `- fulfilments ${f.fulfilments}; onPaid runs ${f.onPaidRuns}: re-runs ${f.reruns}, ` +
      `runs cut mid-hook by the SIGKILL ${f.interrupted}`,
    `- 5xx ${f.fiveXX}; requests cut by the killed instance and sent to another ${f.cut}; ` +
      `LigdiCash's callback tries answered late or not at all, then retried ${f.retriedByLigdicash}`,
  ];
  const steps = Object.entries(r.phases).map(([name, s]) => `${name} ${s.toFixed(1)} s`);
  lines.push(`- steps: ${steps.join(", ")}`);
  if (r.kill) {
    const gaps = f.leaseGaps.length
      ? `re-runs started ${f.leaseGaps.map((g) => `${g} ms`).join(", ")} after the killed run's lease expired`
      : "no re-run";
    const read = (r.kill.leases.get(r.kill.paymentId)?.readAt ?? NaN) - r.kill.diedAt;
    lines.push(
      `- SIGKILL: instance ${r.kill.index} in the onPaid of ${r.kill.orderId}, restarted; ` +
        `the lease of that onPaid read ${read} ms after it died; ${gaps}`,
    );
  }
  lines.push(
    "",
    "| route | requests | p50 ms | p99 ms | max ms |",
    "|---|---:|---:|---:|---:|",
    ...f.routes.map(
      (x) => `| ${x.route} | ${int(x.count)} | ${ms(x.p50)} | ${ms(x.p99)} | ${ms(x.max)} |`,
    ),
  );
  if (r.logs.size > 0) {
    lines.push("", "Instance logs (warn and error), by message:");
    for (const [message, count] of [...r.logs].sort((a, b) => b[1] - a[1])) {
      lines.push(`- ${count} × ${message}`);
    }
  }
  if (r.failures.length > 0) {
    lines.push("", `FAILED (records kept in ${r.dir}):`, ...r.failures.map((x) => `- ${x}`));
  }
  return lines.join("\n") + "\n";
}
