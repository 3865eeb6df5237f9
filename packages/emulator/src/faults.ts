import type { PayoutCreateFaultMode, PayoutMethod } from "./payouts/types.js";
import type { CallbackFaults, Faults, Quirks, TransportFault } from "./types.js";

/** The current faults and quirks, and the countdown of the counted ones. */
export class FaultBook {
  #faults: Faults = {};
  #quirks: Quirks = {};

  setFaults(faults: Faults): void {
    this.#faults = { ...this.#faults, ...validateFaults(faults) };
  }

  setQuirks(quirks: Quirks): void {
    this.#quirks = { ...this.#quirks, ...validateQuirks(quirks) };
  }

  get quirks(): Quirks {
    return { ...this.#quirks };
  }

  get callbacks(): CallbackFaults {
    return { ...this.#faults.callbacks };
  }

  get payoutCallbacks(): CallbackFaults {
    return { ...this.#faults.payoutCallbacks };
  }

  /** Consumes one confirm fault, if any is armed. */
  takeConfirm(): TransportFault | null {
    const fault = this.#faults.confirm;
    if (!fault) return null;
    this.#faults.confirm = fault.count > 1 ? { ...fault, count: fault.count - 1 } : null;
    return fault.mode;
  }

  /** Consumes one payout confirm fault, if any is armed. */
  takePayoutConfirm(): TransportFault | null {
    const fault = this.#faults.payoutConfirm;
    if (!fault) return null;
    this.#faults.payoutConfirm = fault.count > 1 ? { ...fault, count: fault.count - 1 } : null;
    return fault.mode;
  }

  /** Consumes one payout create fault armed for this method (or for any), if there is one. */
  takePayoutCreate(method: PayoutMethod): { mode: PayoutCreateFaultMode; code: string } | null {
    const fault = this.#faults.payoutCreate;
    if (!fault || (fault.method !== undefined && fault.method !== method)) return null;
    this.#faults.payoutCreate = fault.count > 1 ? { ...fault, count: fault.count - 1 } : null;
    return { mode: fault.mode, code: fault.code ?? "10" };
  }

  /** Consumes one create fault, if any is armed. */
  takeCreate(): { mode: TransportFault | "refuse"; code: string } | null {
    const fault = this.#faults.create;
    if (!fault) return null;
    this.#faults.create = fault.count > 1 ? { ...fault, count: fault.count - 1 } : null;
    return { mode: fault.mode, code: fault.code ?? "09" };
  }

  reset(): void {
    this.#faults = {};
    this.#quirks = {};
  }
}

const TRANSPORT = ["500", "timeout", "malformed"];
const PAYOUT_CREATE = [...TRANSPORT, "refuse", "timeoutAfterCreate", "resetAfterCreate"];
const CALLBACK_FLAGS = ["drop", "duplicate", "reorder", "pendingFirst"] as const;
const FAULT_KEYS = [
  "confirm",
  "create",
  "callbacks",
  "payoutCreate",
  "payoutConfirm",
  "payoutCallbacks",
];

/** Checks a faults object from an untyped source (the control API) and returns a clean copy. */
export function validateFaults(input: unknown): Faults {
  const value = object(input, "faults");
  const out: Faults = {};
  for (const key of Object.keys(value)) {
    if (!FAULT_KEYS.includes(key)) fail(`unknown fault "${key}"`);
  }
  if (value.confirm !== undefined) {
    out.confirm = counted(value.confirm, "confirm", TRANSPORT) as Faults["confirm"];
  }
  if (value.create !== undefined) {
    const create = counted(value.create, "create", [...TRANSPORT, "refuse"]);
    out.create = checkCode(create, "create") as Faults["create"];
  }
  if (value.payoutConfirm !== undefined) {
    const payoutConfirm = counted(value.payoutConfirm, "payoutConfirm", TRANSPORT);
    out.payoutConfirm = payoutConfirm as Faults["payoutConfirm"];
  }
  if (value.payoutCreate !== undefined) {
    const fault = checkCode(
      counted(value.payoutCreate, "payoutCreate", PAYOUT_CREATE),
      "payoutCreate",
    );
    const method = (value.payoutCreate as Loose | null)?.method;
    if (method !== undefined && method !== "wallet" && method !== "mobile_money") {
      fail('payoutCreate.method must be "wallet" or "mobile_money"');
    }
    const aimed = fault && method !== undefined ? { ...fault, method } : fault;
    out.payoutCreate = aimed as Faults["payoutCreate"];
  }
  if (value.callbacks !== undefined) out.callbacks = callbackFaults(value.callbacks, "callbacks");
  if (value.payoutCallbacks !== undefined) {
    out.payoutCallbacks = callbackFaults(value.payoutCallbacks, "payoutCallbacks");
  }
  return out;
}

function checkCode(fault: Loose | null, name: string): Loose | null {
  if (fault && fault.code !== undefined) {
    if (typeof fault.code !== "string" || !/^\d{2,3}[a-z]?$/.test(fault.code)) {
      fail(`${name}.code must look like a LigdiCash sub-code, e.g. "09"`);
    }
  }
  return fault;
}

function callbackFaults(input: unknown, name: string): CallbackFaults | null {
  if (input === null) return null;
  const callbacks = object(input, name);
  const clean: CallbackFaults = {};
  for (const flag of CALLBACK_FLAGS) {
    if (callbacks[flag] === undefined) continue;
    if (typeof callbacks[flag] !== "boolean") fail(`${name}.${flag} must be a boolean`);
    clean[flag] = callbacks[flag];
  }
  if (callbacks.delayMs !== undefined)
    clean.delayMs = nonNegative(callbacks.delayMs, `${name}.delayMs`);
  return clean;
}

/** Checks a quirks object from an untyped source and returns a clean copy. */
export function validateQuirks(input: unknown): Quirks {
  const value = object(input, "quirks");
  const out: Quirks = {};
  for (const [key, entry] of Object.entries(value)) {
    if (entry === undefined) continue;
    if (key === "amountsAsStrings" && typeof entry === "boolean") out.amountsAsStrings = entry;
    else if (key === "failureStatus" && (entry === "notcompleted" || entry === "nocompleted")) {
      out.failureStatus = entry;
    } else if (key === "formCustomData" && (entry === "json" || entry === "brackets")) {
      out.formCustomData = entry;
    } else fail(`invalid quirk ${key}=${JSON.stringify(entry)}`);
  }
  return out;
}

type Loose = Record<string, unknown>;

function counted(input: unknown, name: string, modes: string[]): Loose | null {
  if (input === null) return null;
  const value = object(input, name);
  if (typeof value.mode !== "string" || !modes.includes(value.mode)) {
    fail(`${name}.mode must be one of ${modes.join(", ")}`);
  }
  if (!Number.isInteger(value.count) || (value.count as number) < 1) {
    fail(`${name}.count must be a positive integer`);
  }
  const { mode, count, code } = value;
  return code === undefined ? { mode, count } : { mode, count, code };
}

function object(input: unknown, name: string): Loose {
  if (typeof input !== "object" || input === null || Array.isArray(input))
    fail(`${name} must be an object`);
  return input as Loose;
}

function nonNegative(input: unknown, name: string): number {
  if (typeof input !== "number" || !Number.isFinite(input) || input < 0)
    fail(`${name} must be a number >= 0`);
  return input;
}

function fail(message: string): never {
  throw new TypeError(`Invalid emulator setting: ${message}`);
}
