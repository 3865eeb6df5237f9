import { randomBytes } from "node:crypto";
import { networkDetail } from "../ligdicash/http.js";
import { ok, problem, say, type Finding } from "./report.js";

interface Answer {
  status: number;
  type: string;
  code: string | undefined;
}

const MOUNT_FIX = say(
  "Mount app.use(ligdicash(...)) before the storefront's catch-all (app.get(\"*\") / index.html fallback) and before the 404 handler; with Koa, before the router's fallback.",
  'Montez app.use(ligdicash(...)) avant la route fourre-tout du site (app.get("*") / repli sur index.html) et avant le gestionnaire 404 ; avec Koa, avant le repli du routeur.',
);

/**
 * Calls the kit's routes on the running shop, from outside, as the browser and LigdiCash do:
 * the status of a made-up order must be the kit's JSON 404 (not the storefront's index.html),
 * and an empty callback the kit's JSON 400 (not a 404 from a handler mounted before the kit).
 * Neither call changes anything in the shop.
 */
export async function checkShop(shopUrl: string, basePath: string): Promise<Finding[]> {
  const base = `${shopUrl.replace(/\/+$/, "")}${basePath}`;
  const probe = `doctor-${randomBytes(6).toString("hex")}`;
  let status: Answer;
  try {
    status = await call(`${base}/status/${probe}`, { headers: { accept: "application/json" } });
  } catch (error) {
    return [
      problem(
        say(
          `The shop does not answer at ${shopUrl}: ${networkDetail(error, shopUrl)}.`,
          `La boutique ne répond pas à ${shopUrl} : ${networkDetail(error, shopUrl)}.`,
        ),
        say(
          "Start the shop, and check the URL (with its mount prefix, if any).",
          "Démarrez la boutique et vérifiez l'URL (avec son préfixe de montage, s'il y en a un).",
        ),
      ),
    ];
  }
  const callback = await call(`${base}/callback`, {
    method: "POST",
    headers: { "content-type": "application/json", accept: "application/json" },
    body: "{}",
  });
  return [statusFinding(status, base), callbackFinding(callback, base)];
}

function statusFinding(answer: Answer, base: string): Finding {
  const route = `GET ${base}/status/…`;
  if (answer.code === "ORDER_NOT_FOUND") {
    return ok(say(`${route} answers the kit's JSON.`, `${route} répond le JSON du kit.`));
  }
  const shadowed = answer.status === 200 && answer.type.includes("html");
  return problem(
    shadowed
      ? say(
          `${route} answers an HTML page (200): a catch-all route serves index.html before the kit, and the return page would wait forever.`,
          `${route} répond une page HTML (200) : une route fourre-tout sert index.html avant le kit, et la page de retour attendrait sans fin.`,
        )
      : say(
          `${route} answers ${describe(answer)}, not the kit's JSON.`,
          `${route} répond ${describe(answer)}, pas le JSON du kit.`,
        ),
    MOUNT_FIX,
  );
}

function callbackFinding(answer: Answer, base: string): Finding {
  const route = `POST ${base}/callback`;
  if (answer.code === "MISSING_TRANSACTION_ID") {
    return ok(
      say(
        `${route} reaches the kit: LigdiCash's callbacks will arrive (the shop logs this empty probe as "callback without a transaction id").`,
        `${route} atteint le kit : les notifications de LigdiCash arriveront (la boutique journalise cette sonde vide : « callback without a transaction id »).`,
      ),
    );
  }
  const lost =
    answer.status === 404
      ? say(
          `${route} answers 404: LigdiCash's callbacks would be lost.`,
          `${route} répond 404 : les notifications de LigdiCash seraient perdues.`,
        )
      : say(
          `${route} answers ${describe(answer)}, not the kit's JSON.`,
          `${route} répond ${describe(answer)}, pas le JSON du kit.`,
        );
  return problem(lost, MOUNT_FIX);
}

async function call(url: string, init: RequestInit): Promise<Answer> {
  const response = await fetch(url, {
    ...init,
    redirect: "manual",
    signal: AbortSignal.timeout(10_000),
  });
  const type = response.headers.get("content-type") ?? "";
  const text = await response.text();
  let code: string | undefined;
  if (type.includes("json")) {
    try {
      const body = JSON.parse(text) as { error?: { code?: unknown } };
      code = typeof body.error?.code === "string" ? body.error.code : undefined;
    } catch {
      code = undefined;
    }
  }
  return { status: response.status, type, code };
}

function describe(answer: Answer): string {
  return `${answer.status} ${answer.type.split(";")[0] || "(no content type)"}`;
}
