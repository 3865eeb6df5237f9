import { LigdicashError } from "./errors.js";

/** More entries than this in one object, array or form is not a LigdiCash callback nor a pay request. */
export const MAX_ENTRIES = 256;
export const MAX_DEPTH = 32;
const FORBIDDEN = new Set(["__proto__", "constructor", "prototype"]);

/**
 * Whether a key names `__proto__`, `constructor` or `prototype` in any of the ways a parser may
 * read it as a path: the whole key, a bracket segment (`a[__proto__]`, `__proto__[x]`) or a
 * dotted one (`a.__proto__.b`).
 */
export function isForbiddenKey(key: string): boolean {
  return key.split(/[[\].]/).some((segment) => FORBIDDEN.has(segment));
}

/**
 * Refuses prototype-polluting keys, absurd nesting and floods of entries anywhere in a decoded
 * body. Iterative and depth-first with the depth checked before descending: a body parser may hand
 * over an array 6,000 deep, which must be refused, not overflow the stack.
 */
export function assertPlainData(value: unknown): void {
  const stack: Array<[unknown, number]> = [[value, 0]];
  for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
    const [node, depth] = next;
    if (typeof node !== "object" || node === null) continue;
    if (depth > MAX_DEPTH) throw invalid("The body is nested too deeply.");
    const keys = Object.keys(node);
    if (keys.length > MAX_ENTRIES) {
      throw invalid(`The body has more than ${MAX_ENTRIES} fields in one place.`);
    }
    for (const key of keys) {
      if (isForbiddenKey(key)) throw invalid(`The body has a forbidden key (${key.slice(0, 40)}).`);
      stack.push([(node as Record<string, unknown>)[key], depth + 1]);
    }
  }
}

function invalid(message: string): LigdicashError {
  return new LigdicashError("INVALID_REQUEST", message);
}
