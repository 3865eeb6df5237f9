import { json, shop } from "../../../lib/shop";

export function GET(): Response {
  return json(shop().listProducts());
}
