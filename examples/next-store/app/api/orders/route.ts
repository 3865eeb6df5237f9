import { json, shop } from "../../../lib/shop";

/** An order is a few lines of JSON: anything larger is refused before it is read. */
const MAX_BODY_BYTES = 16 * 1024;

export async function POST(request: Request): Promise<Response> {
  const contentType = request.headers.get("content-type") ?? undefined;
  const text = await readLimited(request, MAX_BODY_BYTES);
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

/** The body as text, or null past `limit` bytes (counted as it arrives, whatever Content-Length says). */
async function readLimited(request: Request, limit: number): Promise<string | null> {
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  return new TextDecoder().decode(Buffer.concat(chunks));
}
