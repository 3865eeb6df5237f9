import { OrderPage } from "../../storefront";

export default async function Order({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <OrderPage key={id} orderId={id} />;
}
