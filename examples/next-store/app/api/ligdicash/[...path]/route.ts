import { ligdicashRoute, type LigdicashRoute } from "@ligdicash-kit/server/next";
import { after } from "next/server";
import { shop } from "../../../../lib/shop";

// POST /api/ligdicash/pay, GET /api/ligdicash/status/:orderId, POST /api/ligdicash/callback, and
// POST /api/ligdicash/reconcile for a cron (Authorization: Bearer <LIGDICASH_CRON_SECRET>).
// Made on the first request: `next build` imports this file and must not open the databases.
let route: LigdicashRoute | undefined;
function kit(): LigdicashRoute {
  const { payments } = shop();
  const firstCheck = process.env.RECONCILE_FIRST_CHECK_AFTER_MS;
  route ??= ligdicashRoute({
    ...payments,
    // No timer between requests, as on a serverless host: the cron route re-checks payments.
    reconcile: {
      ...payments.reconcile,
      intervalMs: 0,
      ...(firstCheck ? { firstCheckAfterMs: Number(firstCheck) } : {}),
    },
    // The confirm behind a callback, and the hooks, finish after the answer is sent.
    waitUntil: after,
  });
  return route;
}

export const GET = (request: Request) => kit().GET(request);
export const POST = (request: Request) => kit().POST(request);
