import { ProductPage } from "./storefront";

export default function Home() {
  return <ProductPage />;
}
