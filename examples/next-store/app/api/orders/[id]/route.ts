import { json, shop } from "../../../../lib/shop";

export async function GET(
  _request: Request,
  { params }: { params: Promise<{ id: string }> },
): Promise<Response> {
  return json(shop().readOrder((await params).id));
}
