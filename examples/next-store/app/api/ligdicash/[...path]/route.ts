import { kit } from "../../../../lib/shop";

// POST /api/ligdicash/pay, GET /api/ligdicash/status/:orderId, POST /api/ligdicash/callback, and
// POST /api/ligdicash/reconcile for a cron (Authorization: Bearer <LIGDICASH_CRON_SECRET>).
export const GET = (request: Request) => kit().GET(request);
export const POST = (request: Request) => kit().POST(request);
