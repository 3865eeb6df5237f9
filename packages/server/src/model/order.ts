/**
 * What the store keeps of an order, beside its payment attempts: the amount the order must be paid
 * at now (from the latest `getOrder`), and the attempt that paid it. Both change by atomic
 * operations of the store, so an attempt made for an older amount can never pay the order.
 */
export interface OrderRecord {
  orderId: string;
  /** Whole XOF francs the order costs now; null for an order recorded before amounts were kept. */
  amount: number | null;
  /** The payment that paid the order, once one did. */
  paidBy: string | null;
}
