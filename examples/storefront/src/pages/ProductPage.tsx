import type { Product } from "@ligdicash-kit/example-shop-common";
import { getProducts } from "../api";
import { LoadState, useLoad } from "../components/Async";
import { Checkout } from "../components/Checkout";
import { useLocale } from "../i18n";
import { Link } from "../router";
import { NotFound } from "./NotFound";

/** A product: picture, story, price, quantity and checkout. Without an id: the featured one. */
export function ProductPage({ productId }: { productId?: string }) {
  const loaded = useLoad(getProducts);
  return (
    <LoadState loaded={loaded}>
      {loaded.data && <ProductView products={loaded.data} productId={productId} />}
    </LoadState>
  );
}

function ProductView({
  products,
  productId,
}: {
  products: Product[];
  productId?: string | undefined;
}) {
  const { locale, t, price } = useLocale();
  const product = productId ? products.find((p) => p.id === productId) : products[0];
  if (!product) return <NotFound />;
  const others = products.filter((p) => p.id !== product.id);
  return (
    <>
      <article className="product">
        <div className="product-media">
          <img src={product.image} alt={product.name[locale]} width="800" height="800" />
        </div>
        <div className="product-info">
          <p className="eyebrow">{product.tagline[locale]}</p>
          <h1>{product.name[locale]}</h1>
          <p className="price" data-testid="price">
            {price(product.price)}
          </p>
          <p className="description">{product.description[locale]}</p>
          <h2 className="visually-hidden">{t.details}</h2>
          <ul className="details">
            {product.details[locale].map((detail) => (
              <li key={detail}>{detail}</li>
            ))}
          </ul>
          <Checkout key={product.id} product={product} />
        </div>
      </article>
      {others.length > 0 && (
        <section className="related" aria-labelledby="related-title">
          <h2 id="related-title">{t.youMayLike}</h2>
          <ul className="cards">
            {others.map((other) => (
              <li key={other.id}>
                <Link href={`/products/${other.id}`} className="card">
                  <img src={other.image} alt="" width="400" height="400" loading="lazy" />
                  <span className="card-name">{other.name[locale]}</span>
                  <span className="card-price">{price(other.price)}</span>
                </Link>
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}
