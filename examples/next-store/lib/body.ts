/** A request body of the shop's API is a few lines of JSON: anything larger is refused unread. */
export const MAX_BODY_BYTES = 16 * 1024;

/** The body as text, or null past `limit` bytes (counted as it arrives, whatever Content-Length says). */
export async function readLimited(
  request: Request,
  limit = MAX_BODY_BYTES,
): Promise<string | null> {
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
