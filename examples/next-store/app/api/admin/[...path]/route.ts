import type { AdminRequest } from "@ligdicash-kit/example-shop-common";
import { readLimited } from "../../../../lib/body";
import { admin, json } from "../../../../lib/shop";

// The admin API of the Express and Koa shops (the /admin page): POST /api/admin/login and
// /logout, GET /api/admin/orders and /payouts, POST /api/admin/orders/:id/refunds and
// /api/admin/payouts/:id/resolve.

/**
 * Who is guessing, for the login throttle. A route handler sees no socket address, only headers,
 * and `next start` fills in X-Forwarded-For from the socket only when the request has none: it
 * keeps whatever a client sends, every hop of it. Keyed by that header, a guesser would get five
 * fresh tries per made-up address. So, unless CLIENT_IP_HEADER names a header that a proxy in
 * front of the shop always sets itself (overwriting or appending to what the client sent: its
 * last entry is read), every client shares one key. A guesser can then lock the owner out for
 * 15 minutes, but never gets more than 5 tries in 15 minutes.
 */
function client(request: Request): string {
  const header = process.env.CLIENT_IP_HEADER?.trim();
  const address = header ? request.headers.get(header)?.split(",").pop()?.trim() : undefined;
  return address || "every client";
}

async function handle(request: Request): Promise<Response> {
  const contentType = request.headers.get("content-type") ?? undefined;
  let body: unknown;
  if (request.method === "POST") {
    const text = await readLimited(request);
    if (text === null) {
      return json({
        status: 413,
        body: { error: { code: "PAYLOAD_TOO_LARGE", message: "The request body is too large." } },
      });
    }
    // JSON only, as the other shops parse it; anything else is left to the admin to refuse.
    if (text && /^application\/json\b/i.test(contentType ?? "")) {
      try {
        body = JSON.parse(text);
      } catch {
        return json({
          status: 400,
          body: {
            error: { code: "INVALID_REQUEST", message: "The request body is not valid JSON." },
          },
        });
      }
    }
  }
  const adminRequest: AdminRequest = {
    method: request.method,
    // Still percent-encoded, as Express and Koa give it: the admin decodes the ids itself.
    path: new URL(request.url).pathname.slice("/api/admin".length),
    cookie: request.headers.get("cookie") ?? undefined,
    contentType,
    body,
    client: client(request),
  };
  const { status, headers, body: answer } = await admin().handle(adminRequest);
  const head = { ...headers, "cache-control": "no-store" };
  return answer === null
    ? new Response(null, { status, headers: head })
    : Response.json(answer, { status, headers: head });
}

export { handle as GET, handle as POST };
