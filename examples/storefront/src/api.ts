import type { ApiError, OrderView, Product } from "@ligdicash-kit/example-shop-common";

/** An error of the shop's API, with its code (`ORDER_NOT_FOUND`…) or `NETWORK_ERROR`. */
export class ShopApiError extends Error {
  constructor(
    readonly code: string,
    readonly status?: number,
  ) {
    super(code);
  }
}

async function call<T>(path: string, init?: RequestInit): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, { cache: "no-store", ...init });
  } catch {
    throw new ShopApiError("NETWORK_ERROR");
  }
  const body = (await response.json().catch(() => null)) as T | ApiError | null;
  if (response.ok && body) return body as T;
  const code = (body as ApiError | null)?.error?.code ?? "BAD_RESPONSE";
  throw new ShopApiError(code, response.status);
}

let products: Promise<Product[]> | undefined;

/** The catalog, fetched once per page load (again after a failure). */
export function getProducts(): Promise<Product[]> {
  products ??= call<{ products: Product[] }>("/api/products").then(
    (body) => body.products,
    (error: unknown) => {
      products = undefined;
      throw error;
    },
  );
  return products;
}

/** Creates an order; the shop prices it from its own catalog. */
export function createOrder(productId: string, quantity: number): Promise<OrderView> {
  return call<OrderView>("/api/orders", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ items: [{ productId, quantity }] }),
  });
}

/** Reads an order; `signal` stops the request (the page that asked went away). */
export function getOrder(id: string, signal?: AbortSignal): Promise<OrderView> {
  return call<OrderView>(`/api/orders/${encodeURIComponent(id)}`, { signal });
}

/** The short form of an order id shown to people: `ord_k3J9x2Qa…` → `K3J9X2QA`. */
export function shortId(id: string): string {
  return id.slice(4, 12).toUpperCase();
}
