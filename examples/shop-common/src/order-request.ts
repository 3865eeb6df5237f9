import * as v from "valibot";
import { MAX_QUANTITY } from "./catalog.js";

/** `POST /api/orders`: which products and how many; prices are the server's business. */
export const OrderRequest = v.object(
  {
    items: v.pipe(
      v.array(
        v.object({
          productId: v.pipe(
            v.string("productId must be a string"),
            v.minLength(1, "productId is missing"),
            v.maxLength(64, "productId is too long"),
          ),
          quantity: v.pipe(
            v.number("quantity must be a number"),
            v.integer("quantity must be a whole number"),
            v.minValue(1, "quantity must be at least 1"),
            v.maxValue(MAX_QUANTITY, `quantity must be at most ${MAX_QUANTITY}`),
          ),
        }),
        "items must be a list",
      ),
      v.minLength(1, "items is empty"),
      v.maxLength(5, "an order holds at most 5 products"),
      v.check(
        (items) => new Set(items.map((item) => item.productId)).size === items.length,
        "each product may appear once",
      ),
    ),
  },
  'The body must be a JSON object like {"items":[{"productId":"…","quantity":1}]}.',
);

export type OrderRequest = v.InferOutput<typeof OrderRequest>;
