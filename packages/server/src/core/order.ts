import * as v from "valibot";
import { LigdicashError } from "./errors.js";
import type { Order } from "./options.js";

/** An order that passed validation, with its description and items filled in. */
export type ValidOrder = Required<Pick<Order, "amount" | "description" | "items">> & Order;

const Money = v.pipe(v.number(), v.safeInteger("must be whole XOF francs"), v.minValue(0));

const OrderSchema = v.object({
  amount: v.pipe(Money, v.minValue(1, "must be at least 1 XOF")),
  description: v.optional(v.pipe(v.string(), v.maxLength(500))),
  items: v.optional(
    v.array(
      v.object({
        name: v.pipe(v.string(), v.minLength(1), v.maxLength(200)),
        description: v.optional(v.pipe(v.string(), v.maxLength(500))),
        quantity: v.pipe(Money, v.minValue(1)),
        unitPrice: Money,
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

/**
 * Checks what the shop's `getOrder` returned: a mistake there (a float amount, items that do not add
 * up) is the shop's bug, reported as INVALID_ORDER to the logs and as a generic 500 to the shopper.
 */
export function validateOrder(orderId: string, value: unknown): ValidOrder {
  const result = v.safeParse(OrderSchema, value);
  if (!result.success) {
    const issue = result.issues[0];
    throw new LigdicashError(
      "INVALID_ORDER",
      `getOrder(${JSON.stringify(orderId)}) returned an invalid order: ${v.getDotPath(issue) ?? "order"} ${issue.message}`,
    );
  }
  const order = result.output;
  const description = order.description ?? `Order ${orderId}`;
  const items = order.items?.length
    ? order.items
    : [{ name: description.slice(0, 200), quantity: 1, unitPrice: order.amount }];
  const total = items.reduce((sum, item) => sum + item.quantity * item.unitPrice, 0);
  if (total !== order.amount) {
    throw new LigdicashError(
      "INVALID_ORDER",
      `getOrder(${JSON.stringify(orderId)}) returned items totalling ${total} XOF for an amount of ${order.amount} XOF.`,
    );
  }
  return { ...order, description, items };
}
