import { json, shop } from "../../../lib/shop";

export async function POST(request: Request): Promise<Response> {
  const contentType = request.headers.get("content-type") ?? undefined;
  const body: unknown = await request.json().catch(() => undefined);
  return json(shop().createOrder({ contentType, body }));
}
