import { json, shop } from "../../../lib/shop";

// Any other /api/… request: the JSON 404 of the other shops, not Next.js's page.
const notFound = () => json(shop().notFound());
export {
  notFound as GET,
  notFound as POST,
  notFound as PUT,
  notFound as PATCH,
  notFound as DELETE,
};
