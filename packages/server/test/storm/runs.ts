import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

export type HookKind = "paid" | "failed" | "refund";

/** One run of a hook in one process, from its start and end records. */
export interface Run {
  kind: HookKind;
  pid: number;
  index: number;
  paymentId: string;
  orderId: string;
  start: number;
  /** Null when the process died during the run. */
  end: number | null;
}

interface HookRecord {
  event: `${HookKind}-${"start" | "end"}`;
  pid: number;
  index: number;
  id: string;
  orderId: string;
  at: number;
}

/** Every hook run the instances recorded in `dir` (one file per process). */
export function readRuns(dir: string): Run[] {
  const runs: Run[] = [];
  for (const file of readdirSync(dir).filter((f) => /^hooks-.*\.jsonl$/.test(f))) {
    const open = new Map<string, Run>();
    for (const line of readFileSync(join(dir, file), "utf8").split("\n")) {
      if (line.trim() === "") continue;
      const record = JSON.parse(line) as HookRecord;
      const [kind, edge] = record.event.split("-") as [HookKind, "start" | "end"];
      const key = `${kind} ${record.id}`;
      if (edge === "start") {
        const run: Run = {
          kind,
          pid: record.pid,
          index: record.index,
          paymentId: record.id,
          orderId: record.orderId,
          start: record.at,
          end: null,
        };
        open.set(key, run);
        runs.push(run);
      } else {
        const run = open.get(key);
        if (!run) throw new Error(`${file}: an end without a start: ${line}`);
        run.end = record.at;
        open.delete(key);
      }
    }
  }
  return runs.sort((a, b) => a.start - b.start);
}

/** What the storm saw of the SIGKILL: the process, when it was gone, and the leases it held then. */
export interface Kill {
  index: number;
  pid: number;
  /** The slow order (and its payment) whose onPaid start triggered the kill. */
  orderId: string;
  paymentId: string;
  diedAt: number;
  /**
   * Per payment that had a hook run in the killed process: its lease as the store held it after,
   * and when that was read (a re-run that started before could have changed it).
   */
  leases: Map<string, { claimedUntil: number | null; fulfilment: string | null; readAt: number }>;
}
