/** Why a Web body was not read in full. */
export type WebBodyRefusal = "too-large" | "timeout" | "aborted";

/**
 * Reads the body of a Web `Request` (`request.body`) to its end: at most `maxBytes`, within
 * `timeoutMs`. Chunks are counted as they come, so a body larger than it says (or with no
 * Content-Length) is refused at the first chunk past the limit, never buffered whole. On refusal
 * the stream is cancelled: the platform (Node behind a Web server, Bun, Deno, Next.js) drops or
 * drains the rest while the answer goes out.
 */
export async function readWebStream(
  stream: ReadableStream<Uint8Array> | null,
  limits: { maxBytes: number; timeoutMs: number },
): Promise<Uint8Array | WebBodyRefusal> {
  if (stream === null) return new Uint8Array(0);
  // Read by something before the kit (a framework that consumed it): there is nothing left.
  if (stream.locked) return "aborted";
  const reader = stream.getReader();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<"timeout">((resolve) => {
    timer = setTimeout(() => resolve("timeout"), limits.timeoutMs);
  });
  const stop = (reason: WebBodyRefusal): WebBodyRefusal => {
    reader.cancel().catch(() => undefined);
    return reason;
  };
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const next = await Promise.race([reader.read(), deadline]);
      if (next === "timeout") return stop("timeout");
      if (next.done) break;
      size += next.value.byteLength;
      if (size > limits.maxBytes) return stop("too-large");
      chunks.push(next.value);
    }
  } catch {
    // The client went away mid-body (the platform errors the stream).
    return "aborted";
  } finally {
    clearTimeout(timer);
  }
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.byteLength;
  }
  return bytes;
}
