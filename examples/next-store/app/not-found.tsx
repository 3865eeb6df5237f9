import { NotFound } from "./storefront";

export default function Missing() {
  return <NotFound />;
}
