import type { ErrorCode } from "../src/core/errors.js";
import type { RawRequest } from "./raw-http.js";
import type { Framework } from "./shop.js";

/**
 * The hostile requests of docs/security.md, as data: what is sent to the pay, status and callback
 * routes and what must come back. `adapters/hostile.ts` runs every row on every adapter (Express 4 and
 * 5, Koa 2 and 3, the fetch handler under Hono, the Next.js route handlers, Fastify), with and
 * without body parsers mounted first where the framework has them.
 */

/** What the shop answers: a status, and the kit's error code (null: no kit error body). */
export interface Answer {
  status: number;
  code: ErrorCode | null;
}

/** The shop each row is sent to. */
export interface HostileContext {
  base: string;
  port: number;
  /** A payment LigdiCash still reports pending: a callback naming it moves nothing. */
  pendingTx: string;
  /**
   * A payment LigdiCash reports completed whose callbacks were lost: a hostile callback naming it
   * that the kit wrongly accepted would pay it, which the test sees.
   */
  completedTx: string;
  /** An order of the shop with no payment yet: a pay request that got through would start one. */
  unpaidOrder: string;
  /** A payout LigdiCash still reports pending: a payout callback naming it moves nothing. */
  pendingPayout: string;
  /**
   * A payout LigdiCash reports completed whose callbacks were lost: a hostile payout callback
   * naming it that the kit wrongly accepted would settle it, which the test sees.
   */
  completedPayout: string;
  /** That payout's real token, as LigdiCash's callbacks carry it: another payout's token. */
  completedPayoutToken: string;
  /**
   * A payout whose create went unanswered (`unknown`): it has no token of its own, so the token a
   * callback carries is tried, and a token believed for the wrong payout would settle it.
   */
  unknownPayout: string;
}

export interface HostileRequest {
  id: string;
  route: "pay" | "status" | "callback";
  request: (context: HostileContext) => RawRequest;
  /** What the client does once the request is written: wait for the answer (default), stall, leave. */
  client?: "stall" | "abort";
  /** The answer when the kit reads the body itself; null: the connection is gone, nobody answers. */
  expect: Answer | null;
  /**
   * The answer when a body parser read the body first, where it differs (for every framework, or
   * for those named): the parser answered itself, or left the kit another value than the bytes
   * (qs drops keys rooted in `__proto__`).
   */
  parsed?: Answer | Partial<Record<Framework, Answer>>;
  /** Rows about reading the body from the socket: with a parser in front the kit never reads it. */
  kitReadsOnly?: true;
  /** Where the framework itself answers before the kit is called, with or without parsers. */
  framework?: Partial<Record<Framework, Answer>>;
}

const JSON_TYPE = { "content-type": "application/json" };
const FORM_TYPE = { "content-type": "application/x-www-form-urlencoded" };
const UNKNOWN_TX = "pay_AAAAAAAAAAAAAAAAAAAAAAAA";

const ok = (status = 200): Answer => ({ status, code: null });
const kit = (status: number, code: ErrorCode): Answer => ({ status, code });
const badRequest = kit(400, "INVALID_REQUEST");
const missingId = kit(400, "MISSING_TRANSACTION_ID");
const unknownTx = kit(404, "UNKNOWN_TRANSACTION");
const tooLarge = kit(413, "PAYLOAD_TOO_LARGE");
const mediaType = kit(415, "UNSUPPORTED_MEDIA_TYPE");
const timeout = kit(408, "REQUEST_TIMEOUT");
const crossSite = kit(403, "CROSS_SITE_REQUEST");
const noOrder = kit(404, "ORDER_NOT_FOUND");

/** LigdiCash's `custom_data` naming one transaction. */
const entries = (tx: string) => [{ keyof_customdata: "transaction_id", valueof_customdata: tx }];
const formData = (tx: string) => `custom_data=${encodeURIComponent(JSON.stringify(entries(tx)))}`;
const deepArray = (depth: number) => "[".repeat(depth) + "]".repeat(depth);

function callback(body: string | Buffer, headers: Record<string, string> = JSON_TYPE) {
  return (c: HostileContext): RawRequest => ({
    method: "POST",
    path: `${c.base}/callback`,
    headers,
    body,
  });
}
/** A JSON callback whose text is built from the context (to name its transactions). */
const callbackJson = (text: (c: HostileContext) => string) => (c: HostileContext) =>
  callback(text(c))(c);
const callbackForm = (text: (c: HostileContext) => string) => (c: HostileContext) =>
  callback(text(c), FORM_TYPE)(c);
const withTx = (tx: string, extra: string) =>
  `{${extra},"custom_data":${JSON.stringify(entries(tx))}}`;

/**
 * A payout callback in LigdiCash's JSON shape: the payout id at the top level (`transaction_id`
 * and `external_id`), the payout token, string amounts, `custom_data` empty. `id` is JSON text, so
 * that a row can put any value there.
 */
const payoutJson = (id: string, token: string, extra = "") =>
  `{"response_code":"00","token":${JSON.stringify(token)},"response_text":"","status":"completed",` +
  `"custom_data":[],"operator_id":12,"operator_name":"MOOV AFRICA BURKINA",` +
  `"transaction_id":${id},"external_id":${id},"montant":"5000","amount":"5000"${extra}}`;
/** The same, form-encoded, as LigdiCash's other copy of each payout callback. */
const payoutForm = (id: string, token: string) =>
  `response_code=00&token=${encodeURIComponent(token)}&response_text=&status=completed` +
  `&custom_data=%5B%5D&operator_id=12&operator_name=MOOV+AFRICA+BURKINA` +
  `&transaction_id=${encodeURIComponent(id)}&external_id=${encodeURIComponent(id)}` +
  `&montant=5000&amount=5000`;
/** A payout token LigdiCash never issued, shaped like one. */
const MADE_UP_TOKEN =
  "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpZF9maW5hbmNlIjoiOTk5OTk5In0.bm90LWEtcmVhbC1zaWduYXR1cmU";

function pay(body: (c: HostileContext) => string | Buffer, headers = {}) {
  return (c: HostileContext): RawRequest => ({
    method: "POST",
    path: `${c.base}/pay`,
    headers: { ...JSON_TYPE, ...headers },
    body: body(c),
  });
}
const payOrder = (c: HostileContext) => JSON.stringify({ orderId: c.unpaidOrder });

function get(path: (c: HostileContext) => string, method = "GET", headers = {}) {
  return (c: HostileContext): RawRequest => ({ method, path: path(c), headers });
}
const status = (id: string) => get((c) => `${c.base}/status/${id}`);

export const HOSTILE_REQUESTS: HostileRequest[] = [
  // Forged and malformed callbacks
  {
    id: "callback-forged-completed-json",
    route: "callback",
    request: callbackJson((c) => withTx(c.pendingTx, '"status":"completed","amount":15000')),
    expect: ok(),
  },
  {
    id: "callback-forged-completed-form",
    route: "callback",
    request: callbackForm((c) => `status=completed&amount=15000&${formData(c.pendingTx)}`),
    expect: ok(),
  },
  {
    id: "callback-unknown-transaction",
    route: "callback",
    request: callbackJson(() => withTx(UNKNOWN_TX, '"status":"completed"')),
    expect: unknownTx,
  },
  {
    id: "callback-order-id-as-transaction",
    route: "callback",
    request: callbackJson((c) => withTx(c.unpaidOrder, '"status":"completed"')),
    expect: unknownTx,
  },
  {
    id: "callback-overlong-transaction-id",
    route: "callback",
    request: callbackJson((c) => withTx(c.completedTx + "x".repeat(5_000), '"status":"completed"')),
    expect: unknownTx,
  },
  {
    id: "callback-transaction-id-object",
    route: "callback",
    request: callbackJson(
      () =>
        '{"custom_data":[{"keyof_customdata":"transaction_id","valueof_customdata":{"$ne":null}}]}',
    ),
    expect: missingId,
  },
  {
    id: "callback-no-transaction-id",
    route: "callback",
    request: callback('{"status":"completed","amount":15000,"custom_data":[]}'),
    expect: missingId,
  },
  {
    id: "callback-not-an-object",
    route: "callback",
    request: callback('"completed"'),
    expect: missingId,
    parsed: ok(400),
  },
  {
    id: "callback-truncated-json",
    route: "callback",
    request: callbackJson((c) => withTx(c.completedTx, '"status":"completed"').slice(0, -12)),
    expect: badRequest,
    parsed: ok(400),
  },
  {
    id: "callback-empty-json",
    route: "callback",
    request: callback(""),
    expect: badRequest,
    parsed: missingId,
  },
  // Huge and lying bodies
  {
    id: "callback-huge-content-length",
    route: "callback",
    request: (c) => ({
      ...callback(withTx(c.completedTx, '"status":"completed"'))(c),
      headers: { ...JSON_TYPE, "content-length": "2000000" },
    }),
    expect: tooLarge,
    // Behind express.json(), Express answers its 413 only once the body has ended: never, here.
    kitReadsOnly: true,
  },
  {
    id: "callback-oversize",
    route: "callback",
    request: callbackJson((c) => withTx(c.completedTx, `"pad":"${"x".repeat(200_000)}"`)),
    expect: tooLarge,
  },
  {
    id: "callback-chunked-oversize",
    route: "callback",
    request: (c) => ({
      method: "POST",
      path: `${c.base}/callback`,
      headers: JSON_TYPE,
      chunks: chunksOf(withTx(c.completedTx, `"pad":"${"x".repeat(200_000)}"`), 16_384),
    }),
    expect: tooLarge,
  },
  {
    id: "callback-lying-content-length",
    route: "callback",
    request: (c) => ({
      ...callback(withTx(c.completedTx, '"status":"completed"'))(c),
      headers: { ...JSON_TYPE, "content-length": "4000" },
    }),
    client: "stall",
    expect: timeout,
    kitReadsOnly: true,
  },
  {
    id: "callback-chunked-never-ends",
    route: "callback",
    request: (c) => ({
      method: "POST",
      path: `${c.base}/callback`,
      headers: { ...JSON_TYPE, "transfer-encoding": "chunked" },
      body: '5\r\n{"cus',
    }),
    client: "stall",
    expect: timeout,
    kitReadsOnly: true,
  },
  {
    id: "callback-aborted-mid-body",
    route: "callback",
    request: (c) => ({
      ...callback(withTx(c.completedTx, '"status":"completed"'))(c),
      headers: { ...JSON_TYPE, "content-length": "4000" },
    }),
    client: "abort",
    expect: null,
  },
  // Wrong and missing content types, charsets, invalid UTF-8
  {
    id: "callback-text-plain",
    route: "callback",
    request: (c) => ({
      ...callback(withTx(c.completedTx, '"status":"completed"'))(c),
      headers: { "content-type": "text/plain" },
    }),
    expect: mediaType,
  },
  {
    id: "callback-no-content-type",
    route: "callback",
    request: (c) => ({
      ...callback(withTx(c.completedTx, '"status":"completed"'))(c),
      headers: {},
    }),
    expect: mediaType,
  },
  {
    id: "callback-multipart",
    route: "callback",
    request: (c) =>
      callback(
        `--x\r\nContent-Disposition: form-data; name="custom_data"\r\n\r\n${JSON.stringify(entries(c.completedTx))}\r\n--x--\r\n`,
        { "content-type": "multipart/form-data; boundary=x" },
      )(c),
    expect: mediaType,
  },
  {
    id: "callback-json-lookalike-type",
    route: "callback",
    request: (c) =>
      callback(withTx(c.completedTx, '"status":"completed"'), {
        "content-type": "application/jsonx",
      })(c),
    expect: mediaType,
  },
  {
    id: "callback-utf16-charset",
    route: "callback",
    request: (c) =>
      callback(Buffer.from(withTx(c.completedTx, '"status":"completed"'), "utf16le"), {
        "content-type": "application/json; charset=utf-16le",
      })(c),
    expect: mediaType,
    // @koa/bodyparser reads every body as UTF-8 and fails on the NUL bytes.
    parsed: { koa2: ok(400), koa3: ok(400) },
  },
  {
    id: "callback-utf7-charset",
    route: "callback",
    request: (c) =>
      callback(withTx(c.completedTx, '"status":"completed"'), {
        "content-type": "application/json; charset=utf-7",
      })(c),
    expect: mediaType,
  },
  {
    id: "callback-latin1-form",
    route: "callback",
    request: (c) =>
      callback(`status=completed&${formData(c.completedTx)}`, {
        "content-type": "application/x-www-form-urlencoded; charset=iso-8859-1",
      })(c),
    expect: mediaType,
    // Express 4's urlencoded parser refuses any charset but UTF-8 itself.
    parsed: { express4: ok(415) },
  },
  {
    id: "callback-invalid-utf8",
    route: "callback",
    request: (c) =>
      callback(
        Buffer.concat([
          Buffer.from(
            `{"custom_data":[{"keyof_customdata":"transaction_id","valueof_customdata":"${c.completedTx}`,
          ),
          Buffer.from([0xff, 0xfe]),
          Buffer.from('"}]}'),
        ]),
      )(c),
    expect: badRequest,
    parsed: unknownTx,
  },
  {
    id: "callback-overlong-utf8",
    route: "callback",
    request: (c) =>
      callback(
        Buffer.concat([
          Buffer.from(
            `{"custom_data":[{"keyof_customdata":"transaction_id","valueof_customdata":"${c.completedTx}`,
          ),
          Buffer.from([0xc0, 0xaf]),
          Buffer.from('"}]}'),
        ]),
      )(c),
    expect: badRequest,
    parsed: unknownTx,
  },
  // __proto__ and constructor keys in every position: JSON bodies keep them through any parser
  {
    id: "callback-json-proto",
    route: "callback",
    request: callbackJson((c) => withTx(c.completedTx, '"__proto__":{"polluted":"yes"}')),
    expect: badRequest,
    // @koa/bodyparser (co-body) refuses a JSON `__proto__` key itself.
    parsed: { koa2: ok(400), koa3: ok(400) },
  },
  {
    id: "callback-json-proto-in-entry",
    route: "callback",
    request: callbackJson(
      (c) =>
        `{"custom_data":[{"keyof_customdata":"transaction_id","valueof_customdata":"${c.completedTx}","__proto__":{"polluted":"yes"}}]}`,
    ),
    expect: badRequest,
    // @koa/bodyparser (co-body) refuses a JSON `__proto__` key itself.
    parsed: { koa2: ok(400), koa3: ok(400) },
  },
  {
    id: "callback-json-constructor-prototype",
    route: "callback",
    request: callbackJson((c) =>
      withTx(c.completedTx, '"constructor":{"prototype":{"polluted":"yes"}}'),
    ),
    expect: badRequest,
  },
  {
    id: "callback-json-bracket-proto-key",
    route: "callback",
    request: callbackJson((c) => withTx(c.completedTx, '"__proto__[polluted]":"yes"')),
    expect: badRequest,
  },
  {
    id: "callback-json-nested-bracket-key",
    route: "callback",
    request: callbackJson((c) => withTx(c.completedTx, '"a[__proto__][polluted]":"yes"')),
    expect: badRequest,
  },
  {
    id: "callback-json-constructor-bracket-key",
    route: "callback",
    request: callbackJson((c) => withTx(c.completedTx, '"constructor[prototype][polluted]":"yes"')),
    expect: badRequest,
  },
  {
    id: "callback-json-dotted-key",
    route: "callback",
    request: callbackJson((c) => withTx(c.completedTx, '"a.__proto__.polluted":"yes"')),
    expect: badRequest,
  },
  // … and in forms. qs (behind express.urlencoded and @koa/bodyparser) drops keys rooted in
  // __proto__ or constructor before the kit sees them: those rows name the pending payment.
  {
    id: "callback-form-proto-bracket",
    route: "callback",
    request: callbackForm((c) => `__proto__[polluted]=yes&${formData(c.pendingTx)}`),
    expect: badRequest,
    parsed: ok(),
  },
  {
    id: "callback-form-proto",
    route: "callback",
    request: callbackForm((c) => `__proto__=yes&${formData(c.pendingTx)}`),
    expect: badRequest,
    parsed: ok(),
  },
  {
    id: "callback-form-nested-proto",
    route: "callback",
    request: callbackForm(
      (c) =>
        `custom_data[0][keyof_customdata]=transaction_id&custom_data[0][valueof_customdata]=${c.pendingTx}&custom_data[0][__proto__][polluted]=yes`,
    ),
    expect: badRequest,
    parsed: ok(),
  },
  {
    id: "callback-form-constructor-prototype",
    route: "callback",
    request: callbackForm((c) => `constructor[prototype][polluted]=yes&${formData(c.pendingTx)}`),
    expect: badRequest,
    // express.urlencoded keeps constructor keys (as own properties): the kit refuses them.
    parsed: { koa2: ok(), koa3: ok() },
  },
  {
    id: "callback-form-dotted-proto",
    route: "callback",
    request: callbackForm((c) => `a.__proto__.polluted=yes&${formData(c.pendingTx)}`),
    expect: badRequest,
    // express.urlencoded keeps the dotted key as it is; @koa/bodyparser reads dots as nesting.
    parsed: { koa2: ok(), koa3: ok() },
  },
  {
    id: "callback-form-prototype-key",
    route: "callback",
    request: callbackForm((c) => `a[prototype]=yes&${formData(c.completedTx)}`),
    expect: badRequest,
  },
  // Duplicate keys, deep nesting, floods
  {
    id: "callback-duplicate-json-keys",
    route: "callback",
    request: callbackJson(
      (c) =>
        `{"custom_data":${JSON.stringify(entries(c.completedTx))},"custom_data":${JSON.stringify(entries(UNKNOWN_TX))}}`,
    ),
    expect: unknownTx,
  },
  {
    id: "callback-duplicate-form-fields",
    route: "callback",
    request: callbackForm((c) => `${formData(UNKNOWN_TX)}&${formData(c.completedTx)}`),
    expect: unknownTx,
    // qs makes an array of both values, which names no transaction.
    parsed: missingId,
  },
  {
    id: "callback-deep-array",
    route: "callback",
    request: callback(deepArray(6_000)),
    expect: badRequest,
  },
  {
    id: "callback-deep-object",
    route: "callback",
    request: callbackJson((c) =>
      withTx(c.completedTx, `"a":${'{"a":'.repeat(40)}1${"}".repeat(40)}`),
    ),
    expect: badRequest,
  },
  {
    id: "callback-form-field-flood",
    route: "callback",
    request: callbackForm(
      (c) =>
        `${formData(c.completedTx)}&${Array.from({ length: 300 }, (_, i) => `f${i}=1`).join("&")}`,
    ),
    expect: badRequest,
  },
  {
    id: "callback-form-field-flood-5000",
    route: "callback",
    request: callbackForm(
      (c) =>
        `${formData(c.completedTx)}&${Array.from({ length: 5_000 }, (_, i) => `f${i}=1`).join("&")}`,
    ),
    expect: badRequest,
    // body-parser refuses more than 1,000 parameters itself; qs under @koa/bodyparser keeps 1,000.
    parsed: { express4: ok(413), express5: ok(413) },
  },
  {
    id: "callback-form-bracket-depth",
    route: "callback",
    request: callbackForm((c) => `${formData(c.pendingTx)}&a${"[b]".repeat(200)}=1`),
    expect: ok(),
    // body-parser refuses keys nested deeper than its limit; qs under @koa/bodyparser stops at 5.
    parsed: { express4: ok(400), express5: ok(400) },
  },
  {
    id: "callback-get",
    route: "callback",
    request: get((c) => `${c.base}/callback`),
    expect: ok(404),
  },
  // Payout callbacks: the payout id at the top level, the payout token beside it
  {
    id: "payout-callback-forged-completed-json",
    route: "callback",
    request: callbackJson((c) => payoutJson(JSON.stringify(c.pendingPayout), "")),
    expect: ok(),
  },
  {
    id: "payout-callback-forged-completed-form",
    route: "callback",
    request: callbackForm((c) => payoutForm(c.pendingPayout, "")),
    expect: ok(),
  },
  {
    id: "payout-callback-other-payouts-token",
    route: "callback",
    request: callbackJson((c) =>
      payoutJson(JSON.stringify(c.unknownPayout), c.completedPayoutToken),
    ),
    expect: ok(),
  },
  {
    id: "payout-callback-made-up-token",
    route: "callback",
    request: callbackJson((c) => payoutJson(JSON.stringify(c.unknownPayout), MADE_UP_TOKEN)),
    expect: ok(),
  },
  {
    id: "payout-callback-unknown-payout",
    route: "callback",
    request: callbackJson(() => payoutJson('"po_AAAAAAAAAAAAAAAAAAAAAAAA"', MADE_UP_TOKEN)),
    expect: unknownTx,
  },
  {
    id: "payout-callback-id-wrong-shape",
    route: "callback",
    request: callbackJson((c) => payoutJson(JSON.stringify(`${c.completedPayout}' OR '1'='1`), "")),
    expect: unknownTx,
  },
  {
    id: "payout-callback-id-overlong",
    route: "callback",
    request: callbackJson((c) =>
      payoutJson(JSON.stringify(c.completedPayout + "x".repeat(5_000)), ""),
    ),
    expect: unknownTx,
  },
  {
    id: "payout-callback-json-proto",
    route: "callback",
    request: callbackJson((c) =>
      payoutJson(JSON.stringify(c.completedPayout), "", ',"__proto__":{"polluted":"yes"}'),
    ),
    expect: badRequest,
    // @koa/bodyparser (co-body) refuses a JSON `__proto__` key itself.
    parsed: { koa2: ok(400), koa3: ok(400) },
  },
  {
    id: "payout-callback-json-constructor-prototype",
    route: "callback",
    request: callbackJson((c) =>
      payoutJson(
        JSON.stringify(c.completedPayout),
        "",
        ',"constructor":{"prototype":{"polluted":"yes"}}',
      ),
    ),
    expect: badRequest,
  },
  {
    id: "payout-callback-form-proto-bracket",
    route: "callback",
    request: callbackForm((c) => `__proto__[polluted]=yes&${payoutForm(c.pendingPayout, "")}`),
    expect: badRequest,
    parsed: ok(),
  },
  {
    id: "payout-callback-form-constructor-prototype",
    route: "callback",
    request: callbackForm(
      (c) => `constructor[prototype][polluted]=yes&${payoutForm(c.pendingPayout, "")}`,
    ),
    expect: badRequest,
    // express.urlencoded keeps constructor keys (as own properties): the kit refuses them.
    parsed: { koa2: ok(), koa3: ok() },
  },
  {
    id: "payout-callback-transaction-id-object",
    route: "callback",
    request: callbackJson(() => payoutJson('{"$ne":null}', "")),
    expect: missingId,
  },
  // Cross-site and malformed pay requests: one that got through would start a payment
  {
    id: "pay-cross-site-origin",
    route: "pay",
    request: pay(payOrder, { origin: "https://evil.example" }),
    expect: crossSite,
  },
  {
    id: "pay-sec-fetch-cross-site",
    route: "pay",
    request: pay(payOrder, { "sec-fetch-site": "cross-site" }),
    expect: crossSite,
  },
  {
    id: "pay-sec-fetch-same-site",
    route: "pay",
    request: pay(payOrder, { "sec-fetch-site": "same-site" }),
    expect: crossSite,
  },
  {
    id: "pay-origin-null",
    route: "pay",
    request: pay(payOrder, { origin: "null" }),
    expect: crossSite,
  },
  {
    id: "pay-origin-lookalike",
    route: "pay",
    request: (c) => pay(payOrder, { origin: `http://127.0.0.1.evil.example:${c.port}` })(c),
    expect: crossSite,
  },
  {
    id: "pay-origin-other-port",
    route: "pay",
    request: pay(payOrder, { origin: "http://127.0.0.1:1" }),
    expect: crossSite,
  },
  {
    id: "pay-form-csrf",
    route: "pay",
    request: pay((c) => `orderId=${c.unpaidOrder}`, FORM_TYPE),
    expect: mediaType,
  },
  {
    id: "pay-text-plain-csrf",
    route: "pay",
    request: pay(payOrder, { "content-type": "text/plain" }),
    expect: mediaType,
  },
  {
    id: "pay-utf16-charset",
    route: "pay",
    request: pay((c) => Buffer.from(payOrder(c), "utf16le"), {
      "content-type": "application/json; charset=utf-16le",
    }),
    expect: mediaType,
    parsed: { koa2: ok(400), koa3: ok(400) },
  },
  {
    id: "pay-order-id-object",
    route: "pay",
    request: pay(() => '{"orderId":{"$ne":null}}'),
    expect: badRequest,
  },
  {
    id: "pay-order-id-control-chars",
    route: "pay",
    request: pay((c) => JSON.stringify({ orderId: `${c.unpaidOrder}\u0000` })),
    expect: badRequest,
  },
  {
    id: "pay-order-id-overlong",
    route: "pay",
    request: pay(() => JSON.stringify({ orderId: "o".repeat(129) })),
    expect: badRequest,
  },
  {
    id: "pay-json-array",
    route: "pay",
    request: pay((c) => JSON.stringify([c.unpaidOrder])),
    expect: badRequest,
  },
  {
    id: "pay-proto-key",
    route: "pay",
    request: pay((c) => `{"orderId":"${c.unpaidOrder}","__proto__":{"amount":1}}`),
    expect: badRequest,
    // @koa/bodyparser (co-body) refuses a JSON `__proto__` key itself.
    parsed: { koa2: ok(400), koa3: ok(400) },
  },
  {
    id: "pay-constructor-key",
    route: "pay",
    request: pay(
      (c) => `{"orderId":"${c.unpaidOrder}","constructor":{"prototype":{"polluted":"yes"}}}`,
    ),
    expect: badRequest,
  },
  {
    id: "pay-deep-array",
    route: "pay",
    request: pay((c) => `{"orderId":"${c.unpaidOrder}","x":${deepArray(6_000)}}`),
    expect: badRequest,
  },
  {
    id: "pay-oversize",
    route: "pay",
    request: pay((c) => JSON.stringify({ orderId: c.unpaidOrder, pad: "x".repeat(200_000) })),
    expect: tooLarge,
  },
  {
    id: "pay-lying-content-length",
    route: "pay",
    request: pay(payOrder, { "content-length": "1000" }),
    client: "stall",
    expect: timeout,
    kitReadsOnly: true,
  },
  {
    id: "pay-unknown-order",
    route: "pay",
    request: pay(() => '{"orderId":"order_unknown"}'),
    expect: noOrder,
  },
  { id: "pay-get", route: "pay", request: get((c) => `${c.base}/pay`), expect: ok(404) },
  {
    id: "pay-put",
    route: "pay",
    request: (c) => ({ ...pay(payOrder)(c), method: "PUT" }),
    expect: ok(404),
  },
  {
    id: "pay-head",
    route: "pay",
    request: get((c) => `${c.base}/pay`, "HEAD"),
    expect: ok(404),
  },
  {
    id: "pay-options-preflight",
    route: "pay",
    request: get((c) => `${c.base}/pay`, "OPTIONS", {
      origin: "https://evil.example",
      "access-control-request-method": "POST",
      "access-control-request-headers": "content-type",
    }),
    expect: ok(404),
  },
  // Path tricks on status: nothing outside the one order id is reachable, nothing leaks
  { id: "status-encoded-slash", route: "status", request: status("..%2Fpay"), expect: noOrder },
  { id: "status-raw-slash", route: "status", request: status("a/b"), expect: ok(404) },
  { id: "status-dot-segments", route: "status", request: status("../pay"), expect: ok(404) },
  { id: "status-double-encoded", route: "status", request: status("%252Fetc"), expect: noOrder },
  {
    id: "status-overlong-id",
    route: "status",
    request: status("o".repeat(129)),
    expect: badRequest,
  },
  {
    id: "status-huge-id",
    route: "status",
    request: status("o".repeat(8_000)),
    expect: badRequest,
  },
  { id: "status-encoded-nul", route: "status", request: status("order%00x"), expect: badRequest },
  {
    id: "status-encoded-crlf",
    route: "status",
    request: status("order%0D%0ASet-Cookie:%20a=b"),
    expect: badRequest,
  },
  { id: "status-raw-control-char", route: "status", request: status("a\u0001b"), expect: ok(400) },
  {
    id: "status-bad-percent",
    route: "status",
    request: status("order%ZZ"),
    expect: badRequest,
    framework: { fastify: ok(400) },
  },
  {
    id: "status-overlong-utf8",
    route: "status",
    request: status("%C0%AF"),
    expect: badRequest,
    framework: { fastify: ok(400) },
  },
  { id: "status-proto-id", route: "status", request: status("__proto__"), expect: noOrder },
  { id: "status-constructor-id", route: "status", request: status("constructor"), expect: noOrder },
  {
    id: "status-unknown-order",
    route: "status",
    request: status("order_unknown"),
    expect: noOrder,
  },
  {
    id: "status-order-without-payment",
    route: "status",
    request: (c) => status(c.unpaidOrder)(c),
    expect: noOrder,
  },
  {
    id: "status-transaction-id-as-order",
    route: "status",
    request: (c) => status(c.completedTx)(c),
    expect: noOrder,
  },
  {
    id: "status-head-unknown",
    route: "status",
    request: get((c) => `${c.base}/status/order_unknown`, "HEAD"),
    expect: ok(404),
  },
  {
    id: "status-post",
    route: "status",
    request: (c) => ({ ...callback("{}")(c), path: `${c.base}/status/order_unknown` }),
    expect: ok(404),
  },
  {
    id: "status-header-flood",
    route: "status",
    request: get((c) => `${c.base}/status/order_unknown`, "GET", { cookie: "a".repeat(20_000) }),
    expect: ok(431),
  },
];

/**
 * The answer a row expects from one shop. A request that is no route of the kit's passes on to
 * the app's own 404 (no kit error body) where the kit is middleware; a Web handler owns its whole
 * path and answers 404 `NOT_FOUND` itself (with no body to HEAD).
 */
export function expectedAnswer(
  row: HostileRequest,
  shop: { framework: Framework; parsedFirst: boolean; web: boolean; method: string },
): Answer | null {
  const own = row.framework?.[shop.framework];
  if (own) return own;
  const noRoute = row.expect?.status === 404 && row.expect.code === null;
  if (shop.web && noRoute && shop.method !== "HEAD") {
    return kit(404, "NOT_FOUND");
  }
  if (!shop.parsedFirst || !row.parsed) return row.expect;
  return "status" in row.parsed ? row.parsed : (row.parsed[shop.framework] ?? row.expect);
}

function chunksOf(text: string, size: number): string[] {
  const chunks: string[] = [];
  for (let i = 0; i < text.length; i += size) chunks.push(text.slice(i, i + size));
  return chunks;
}
