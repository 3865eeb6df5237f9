import { orderReference } from "@ligdicash-kit/example-shop-common";
import { PayButton } from "@ligdicash-kit/react";
import { notFound } from "next/navigation";
import { shop } from "../../../lib/shop";

/**
 * A payment link the shop sends by SMS or WhatsApp: `/pay/<order id>`. A server component reads
 * the order from the shop's own table (no API round trip) and renders the kit's `PayButton`,
 * imported here directly: the package's files are client modules.
 */
export default async function PayLink({ params }: { params: Promise<{ id: string }> }) {
  const order = shop().orders.get((await params).id);
  if (!order) notFound();
  const paid = order.status === "paid";
  return (
    <section className="checkout" data-pay-link={order.id}>
      <h1>Commande {orderReference(order.id)}</h1>
      <ul>
        {order.items.map((item) => (
          <li key={item.productId}>
            {item.quantity} × {item.name.fr}
          </li>
        ))}
      </ul>
      {paid ? (
        <p>
          Cette commande est payée. <a href={`/orders/${order.id}`}>Voir la commande</a>
        </p>
      ) : (
        <PayButton
          orderId={order.id}
          amount={order.amount}
          className="btn btn-primary"
          data-testid="pay-link"
        />
      )}
    </section>
  );
}
