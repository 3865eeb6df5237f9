/** What the shop asks LigdiCash to collect: our words, turned into LigdiCash's `commande`. */
export interface InvoiceRequest {
  transactionId: string;
  orderId: string;
  amount: number;
  description: string;
  items: ReadonlyArray<{
    name: string;
    description?: string | undefined;
    quantity: number;
    unitPrice: number;
  }>;
  customer: {
    firstname?: string | undefined;
    lastname?: string | undefined;
    email?: string | undefined;
  };
  store: { name: string; websiteUrl: string };
  urls: { callback: string; return: string; cancel: string };
}

/** The create body, root `commande`, exactly as LigdiCash documents it. */
export function invoiceBody(request: InvoiceRequest): { commande: Record<string, unknown> } {
  return {
    commande: {
      invoice: {
        items: request.items.map((item) => ({
          name: item.name,
          description: item.description ?? "",
          quantity: item.quantity,
          unit_price: item.unitPrice,
          total_price: item.quantity * item.unitPrice,
        })),
        total_amount: request.amount,
        devise: "XOF",
        description: request.description,
        // Must stay empty for hosted payin: a phone number here hides the other operators.
        customer: "",
        customer_firstname: request.customer.firstname ?? "",
        customer_lastname: request.customer.lastname ?? "",
        customer_email: request.customer.email ?? "",
        external_id: "",
        otp: "",
      },
      store: { name: request.store.name, website_url: request.store.websiteUrl },
      actions: {
        cancel_url: request.urls.cancel,
        return_url: request.urls.return,
        callback_url: request.urls.callback,
      },
      custom_data: { transaction_id: request.transactionId, order_id: request.orderId },
    },
  };
}

/** The invoice expiry from the token's JWT payload (`expiry_date`, seconds), if it can be read. */
export function invoiceExpiry(token: string): number | null {
  const payload = token.split(".")[1];
  if (!payload) return null;
  try {
    const data = JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as {
      expiry_date?: unknown;
    };
    const seconds = Number(data.expiry_date);
    return Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : null;
  } catch {
    return null;
  }
}
