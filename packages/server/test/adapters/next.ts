import { getRequestListener } from "@hono/node-server";
import { ligdicashRoute } from "../../src/next.js";
import type { Mount } from "./mount.js";

/** The test shops' cron secret (Next.js shops set LIGDICASH_CRON_SECRET). */
export const CRON_SECRET = "test-cron-secret-0123456789";

/** What Next.js answers itself to a method the route file does not export. */
function nextAnswer(method: string): number | null {
  if (method === "GET" || method === "HEAD" || method === "POST") return null;
  return method === "OPTIONS" ? 204 : 405;
}

/**
 * The Next.js route handlers as Next.js calls them: the server routes the paths under basePath to
 * `app/api/ligdicash/[...path]/route.ts` (its GET or POST export, HEAD to GET; OPTIONS answered
 * 204 and other methods 405, as Next.js does) and the rest to the shop's other routes. Node's own
 * Request and Response, as in Next.js.
 */
export const nextMount: Mount = {
  parsers: false,
  kitReadsBehindParser: true,
  prefix: false,
  web: true,
  frameworkAnswer: nextAnswer,
  async start(server, _config, options) {
    const route = ligdicashRoute({ cronSecret: CRON_SECRET, ...options });
    const base = options.basePath ?? "/api/ligdicash";
    const listener = getRequestListener(
      async (request) => {
        const { pathname } = new URL(request.url);
        if (pathname.startsWith(`${base}/`)) {
          const own = nextAnswer(request.method);
          if (own !== null)
            return new Response(null, { status: own, headers: { allow: "GET, HEAD, POST" } });
          return request.method === "POST" ? route.POST(request) : route.GET(request);
        }
        if (pathname === "/hello") return new Response("hello from the shop");
        if (pathname === "/echo" && request.method === "POST") {
          return Response.json({ echoed: await request.json() });
        }
        return new Response("Not found", { status: 404 });
      },
      { overrideGlobalObjects: false },
    );
    server.on("request", (req, res) => void listener(req, res));
    return { controls: route };
  },
};
