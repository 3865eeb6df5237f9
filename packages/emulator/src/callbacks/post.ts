import { request as httpRequest } from "node:http";
import { request as httpsRequest } from "node:https";

/**
 * Sends one POST and resolves with the answer's status, or `null` when the connection failed,
 * timed out or was aborted. Never rejects.
 */
export function postOnce(
  url: string,
  contentType: string,
  body: string,
  timeoutMs: number,
  signal: AbortSignal,
): Promise<number | null> {
  return new Promise((resolve) => {
    const target = new URL(url);
    const send = target.protocol === "https:" ? httpsRequest : httpRequest;
    const req = send(target, {
      method: "POST",
      // No keep-alive: a pooled socket would outlive close() and keep the process running.
      agent: false,
      signal,
      timeout: timeoutMs,
      headers: {
        "Content-Type": contentType,
        "Content-Length": Buffer.byteLength(body),
        Accept: "*/*",
        "User-Agent": "ligdicash-emulator",
      },
    });
    req.on("response", (res) => {
      res.resume();
      resolve(res.statusCode ?? null);
    });
    req.on("timeout", () => req.destroy());
    req.on("error", () => resolve(null));
    req.end(body);
  });
}
