import { ProductPage } from "../../storefront";

export default async function Product({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <ProductPage key={id} productId={id} />;
}
