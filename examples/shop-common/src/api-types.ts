/**
 * The JSON the shop's own API speaks (`/api/products`, `/api/orders`): shared with the storefront,
 * which imports these types only.
 */

/** A text in each language of the storefront. */
export interface Localized {
  fr: string;
  en: string;
}

/** `GET /api/products` → `{ products: Product[] }`. */
export interface Product {
  /** Also the URL slug: `/products/<id>`. */
  id: string;
  name: Localized;
  tagline: Localized;
  description: Localized;
  details: { fr: string[]; en: string[] };
  /** Whole XOF francs. */
  price: number;
  /** Path of the picture, served by the storefront. */
  image: string;
}

/** `POST /api/orders` body. */
export interface CreateOrderRequest {
  items: { productId: string; quantity: number }[];
}

/** Where an order stands, in the shop's words (the payment's own status lives in the kit). */
export type OrderStatus = "awaiting_payment" | "paid";

/** `POST /api/orders` → 201 and `GET /api/orders/:id` → 200. */
export interface OrderView {
  /** `ord_` + 144 random bits: knowing it is what lets someone see the order. */
  id: string;
  status: OrderStatus;
  /** Whether the shop handed the goods over (done by `onPaid`). */
  delivered: boolean;
  items: { productId: string; name: Localized; quantity: number; unitPrice: number }[];
  /** Whole XOF francs. */
  amount: number;
  currency: "XOF";
  /** Operator the shopper paid with, e.g. "ORANGE BURKINA". */
  operator: string | null;
  /** ISO 8601 times. */
  createdAt: string;
  paidAt: string | null;
  deliveredAt: string | null;
}

/** Every error of the shop's API, shaped like the kit's own. */
export interface ApiError {
  error: { code: string; message: string };
}
