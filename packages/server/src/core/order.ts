import * as v from "valibot";
import { LigdicashError } from "./errors.js";
import type { Order } from "./options.js";

/** An order that passed validation: amounts as numbers, description and items filled in. */
export interface ValidOrder {
  amount: number;
  description: string;
  items: { name: string; description?: string; quantity: number; unitPrice: number }[];
  customer?: Order["customer"];
}

/** LigdiCash's accepted range for an invoice's total. */
export const MIN_AMOUNT = 9;
export const MAX_AMOUNT = 2_000_000;

/**
 * Whole francs from what a database driver returns: a number, an integer string (`pg` returns
 * NUMERIC and BIGINT columns as strings: "15000", "15000.00") or a bigint. Null for anything else
 * (a fraction, a float string, NaN, a non-numeric string).
 */
export function wholeFrancs(value: unknown): number | null {
  if (typeof value === "number") return Number.isSafeInteger(value) ? value : null;
  if (typeof value === "bigint") {
    return value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER)
      ? Number(value)
      : null;
  }
  if (typeof value !== "string" || !/^\s*-?\d+(\.0+)?\s*$/.test(value)) return null;
  const number = Number(value);
  return Number.isSafeInteger(number) ? number : null;
}

const Money = v.pipe(
  v.custom<number | string | bigint>(
    (value) => wholeFrancs(value) !== null,
    "must be whole XOF francs (a number, an integer string or a bigint)",
  ),
  v.transform((value) => wholeFrancs(value)!),
);
const RANGE = `must be from ${MIN_AMOUNT} to ${MAX_AMOUNT.toLocaleString("en")} XOF (LigdiCash's range)`;

const OrderSchema = v.object({
  amount: v.pipe(Money, v.minValue(MIN_AMOUNT, RANGE), v.maxValue(MAX_AMOUNT, RANGE)),
  description: v.optional(v.pipe(v.string(), v.maxLength(500))),
  items: v.optional(
    v.array(
      v.object({
        name: v.pipe(v.string(), v.minLength(1), v.maxLength(200)),
        description: v.optional(v.pipe(v.string(), v.maxLength(500))),
        quantity: v.pipe(Money, v.minValue(1, "must be 1 or more")),
        unitPrice: v.pipe(Money, v.minValue(0, "must be 0 or more")),
      }),
    ),
  ),
  customer: v.optional(
    v.object({
      firstname: v.optional(v.pipe(v.string(), v.maxLength(100))),
      lastname: v.optional(v.pipe(v.string(), v.maxLength(100))),
      email: v.optional(v.pipe(v.string(), v.maxLength(200))),
    }),
  ),
});

const HINT =
  "getOrder must return { amount } in whole XOF francs from 9 to 2,000,000: a number, an integer string (as pg returns NUMERIC and BIGINT) or a bigint; items, when given, must add up to it.";

/**
 * Checks what the shop's `getOrder` returned: a mistake there (a float amount, items that do not add
 * up) is the shop's bug, reported as INVALID_ORDER to the logs, naming the order and the value, and
 * as a generic 500 to the shopper. Amounts come out as numbers.
 */
export function validateOrder(orderId: string, value: unknown): ValidOrder {
  const result = v.safeParse(OrderSchema, value);
  const order = `getOrder(${JSON.stringify(orderId)})`;
  if (!result.success) {
    const issue = result.issues[0];
    const path = v.getDotPath(issue);
    // The value as getOrder returned it (issue.input may already be converted).
    const original = issue.path?.reduce<unknown>(
      (at, item) =>
        typeof at === "object" && at !== null
          ? (at as Record<PropertyKey, unknown>)[item.key as PropertyKey]
          : undefined,
      value,
    );
    const got = path === null ? "" : ` ${show(original)}`;
    throw new LigdicashError(
      "INVALID_ORDER",
      `${order} returned an invalid order: ${path ?? "order"}${got} ${issue.message}`,
      { hint: HINT },
    );
  }
  const valid = result.output;
  const description = valid.description ?? `Order ${orderId}`;
  const items = valid.items?.length
    ? valid.items
    : [{ name: description.slice(0, 200), quantity: 1, unitPrice: valid.amount }];
  const total = items.reduce((sum, item) => sum + item.quantity * item.unitPrice, 0);
  if (total !== valid.amount) {
    throw new LigdicashError(
      "INVALID_ORDER",
      `${order} returned items totalling ${total} XOF for an amount of ${valid.amount} XOF.`,
      { hint: HINT },
    );
  }
  return { ...valid, description, items };
}

/** A value as the shop's code would write it: "15000.5" (a string), 15000.5, 15000n. */
function show(value: unknown): string {
  if (typeof value === "bigint") return `${value}n`;
  if (typeof value === "string") return JSON.stringify(value.slice(0, 40));
  if (typeof value === "number" || typeof value === "boolean" || value == null)
    return String(value);
  return typeof value;
}
