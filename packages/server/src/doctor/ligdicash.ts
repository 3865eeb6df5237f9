import { randomBytes } from "node:crypto";
import { LigdicashError } from "../core/errors.js";
import { createLigdicashClient } from "../ligdicash/client.js";
import { ok, problem, say, type Finding } from "./report.js";

/** More than this between our clock and LigdiCash's is worth fixing (invoice expiry, backoffs). */
const MAX_SKEW_MS = 2 * 60_000;

const API_URL_FIX = say(
  "Check LIGDICASH_API_URL: unset it for LigdiCash itself, or start the emulator (npx ligdicash-emulator) and set it to the emulator's URL.",
  "Vérifiez LIGDICASH_API_URL : supprimez-la pour LigdiCash lui-même, ou démarrez l'émulateur (npx ligdicash-emulator) et mettez-y son URL.",
);
const KEYS_FIX = say(
  "Copy the API key and auth token of your LigdiCash API project into LIGDICASH_API_KEY and LIGDICASH_AUTH_TOKEN (the emulator prints the ones it accepts).",
  "Copiez la clé d'API et le jeton d'authentification de votre projet API LigdiCash dans LIGDICASH_API_KEY et LIGDICASH_AUTH_TOKEN (l'émulateur affiche ceux qu'il accepte).",
);

/**
 * Asks LigdiCash (or the emulator) to confirm a made-up invoice token: harmless, and the answer
 * tells the credentials apart ("Echec (Code00)": refused; "Echec (Code02)": unknown invoice, so
 * the credentials were accepted). The answer's Date header checks our clock.
 */
export async function checkLigdicash(
  apiUrl: string,
  credentials: { apiKey: string; authToken: string },
  now: () => number = Date.now,
): Promise<Finding[]> {
  let serverDate: string | null = null;
  const client = createLigdicashClient({
    apiUrl,
    ...credentials,
    confirmRetries: 0,
    confirmTimeoutMs: 5_000,
    fetch: async (input, init) => {
      const response = await fetch(input, init);
      serverDate = response.headers.get("date");
      return response;
    },
  });
  const where = new URL(apiUrl).host;
  const findings: Finding[] = [];
  try {
    await client.confirmInvoice(`doctor-${randomBytes(12).toString("hex")}`);
    findings.push(ok(say(`LigdiCash answers at ${where}.`, `LigdiCash répond à ${where}.`)));
  } catch (error) {
    findings.push(verdict(error, where));
  }
  if (serverDate !== null) findings.push(clock(Date.parse(serverDate), now(), where));
  return findings;
}

function verdict(error: unknown, where: string): Finding {
  if (!(error instanceof LigdicashError)) throw error;
  if (error.code === "LIGDICASH_REFUSED" && error.providerCode === "02") {
    return ok(
      say(
        `LigdiCash at ${where} accepts these credentials.`,
        `LigdiCash à ${where} accepte ces identifiants.`,
      ),
    );
  }
  if (error.code === "LIGDICASH_AUTH_FAILED") {
    return problem(
      say(
        `LigdiCash at ${where} refuses these credentials (Code00).`,
        `LigdiCash à ${where} refuse ces identifiants (Code00).`,
      ),
      KEYS_FIX,
    );
  }
  const why = error.detail ? `${error.message} (${error.detail})` : error.message;
  return problem(
    say(
      `No answer from LigdiCash's API at ${where}: ${why}`,
      `Pas de réponse de l'API LigdiCash à ${where} : ${why}`,
    ),
    API_URL_FIX,
  );
}

function clock(theirs: number, ours: number, where: string): Finding {
  if (Number.isNaN(theirs)) return ok(say("Clock not checked.", "Horloge non vérifiée."));
  const skew = Math.round((ours - theirs) / 1000);
  if (Math.abs(skew) * 1000 <= MAX_SKEW_MS) {
    return ok(
      say(
        `This machine's clock agrees with ${where}.`,
        `L'horloge de cette machine est d'accord avec ${where}.`,
      ),
    );
  }
  return problem(
    say(
      `This machine's clock is ${Math.abs(skew)} s ${skew > 0 ? "ahead of" : "behind"} ${where}.`,
      `L'horloge de cette machine a ${Math.abs(skew)} s ${skew > 0 ? "d'avance sur" : "de retard sur"} ${where}.`,
    ),
    say(
      "Synchronise it (NTP: timedatectl set-ntp true).",
      "Synchronisez-la (NTP : timedatectl set-ntp true).",
    ),
  );
}
