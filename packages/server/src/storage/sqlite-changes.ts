import type Database from "better-sqlite3";
import { ChangeListeners, type ChangeListener } from "./change-listeners.js";

/**
 * The change log the SQLite store's notifications read: a trigger records the order of every
 * status change, in the transaction that makes it, and keeps the last 1,000.
 */
export const CHANGES_SCHEMA = `
CREATE TABLE IF NOT EXISTS ligdicash_changes (seq INTEGER PRIMARY KEY, order_id TEXT NOT NULL);
CREATE TRIGGER IF NOT EXISTS ligdicash_status_changed
AFTER UPDATE OF status ON ligdicash_payments WHEN OLD.status <> NEW.status
BEGIN
  INSERT INTO ligdicash_changes (order_id) VALUES (NEW.order_id);
  DELETE FROM ligdicash_changes WHERE seq <= (SELECT max(seq) FROM ligdicash_changes) - ${1_000};
END;`;

/** How often another process's commits are looked for, while anyone listens. */
export const SQLITE_CHANGE_POLL_MS = 250;

/**
 * Change notifications of one SQLite connection. SQLite has no messages between processes, so
 * while anyone listens, `PRAGMA data_version` (which moves when another connection commits: no
 * table is read) is checked every 250 ms, and only when it moved is the change log read.
 * Writes of this connection are reported by `afterWrite()`.
 */
export class SqliteChanges {
  readonly #db: Database.Database;
  readonly #listeners = new ChangeListeners();
  #timer: NodeJS.Timeout | undefined;
  #version = 0;
  #seen = 0;
  #since: Database.Statement | undefined;

  constructor(db: Database.Database) {
    this.#db = db;
  }

  watch(listener: ChangeListener): () => void {
    const remove = this.#listeners.add(listener);
    if (this.#listeners.size > 0 && !this.#timer) this.#start();
    return () => {
      remove();
      if (this.#listeners.size === 0) this.#stop();
    };
  }

  /** After a status change by this connection (its own commits do not move data_version). */
  afterWrite(): void {
    if (this.#timer) queueMicrotask(() => this.#poll(true));
  }

  close(): void {
    this.#stop();
    this.#listeners.close();
  }

  #start(): void {
    try {
      this.#version = this.#dataVersion();
      this.#seen = this.#db
        .prepare("SELECT coalesce(max(seq), 0) FROM ligdicash_changes")
        .pluck()
        .get() as number;
    } catch {
      return; // a read-only file made before the change log: waiting requests fall back to re-reads
    }
    this.#timer = setInterval(() => this.#poll(), SQLITE_CHANGE_POLL_MS);
    this.#timer.unref();
  }

  #stop(): void {
    clearInterval(this.#timer);
    this.#timer = undefined;
  }

  #poll(local = false): void {
    try {
      if (!this.#db.open) return;
      const version = this.#dataVersion();
      if (version === this.#version && !local) return;
      this.#version = version;
      this.#read();
    } catch {
      // Busy for a moment: the next tick tries again.
    }
  }

  #read(): void {
    this.#since ??= this.#db.prepare(
      "SELECT seq, order_id FROM ligdicash_changes WHERE seq > ? ORDER BY seq",
    );
    const rows = this.#since.all(this.#seen) as Array<{ seq: number; order_id: string }>;
    const first = rows[0];
    if (!first) return;
    // The log was pruned past what was seen: say that anything may have changed.
    const missed = first.seq !== this.#seen + 1;
    this.#seen = rows.at(-1)!.seq;
    if (missed) return this.#listeners.emit(null);
    for (const orderId of new Set(rows.map((row) => row.order_id))) this.#listeners.emit(orderId);
  }

  #dataVersion(): number {
    return this.#db.pragma("data_version", { simple: true }) as number;
  }
}
