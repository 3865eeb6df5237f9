import { readLimited } from "../../../lib/body";
import { json, shop } from "../../../lib/shop";

export async function POST(request: Request): Promise<Response> {
  const contentType = request.headers.get("content-type") ?? undefined;
  const text = await readLimited(request);
  if (text === null) {
    return json({
      status: 413,
      body: { error: { code: "PAYLOAD_TOO_LARGE", message: "An order is at most 16 kB of JSON." } },
    });
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  return json(shop().createOrder({ contentType, body }));
}
