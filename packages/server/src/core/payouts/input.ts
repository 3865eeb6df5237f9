import * as v from "valibot";
import { PAYOUT_ID_PATTERN, type PayoutMethod } from "../../model/payout.js";
import type { PayoutCountry } from "../../payouts/phone-plan.js";
import { LigdicashError } from "../errors.js";

/** What `payouts.send` takes. */
export interface SendPayoutInput {
  /** Your idempotency key (1–64 of `A-Z a-z 0-9 _ -`): the same id never pays twice. */
  id: string;
  /** Whole XOF, 20 to 1,000,000 (LigdiCash's payout limits). */
  amount: number;
  /** The beneficiary's number: `+226 70 00 00 00`, `0022670000000`, `22670000000`, or local with a country. */
  to: string;
  /** Country of a number written without its country code; default `payouts.defaultCountry`. */
  country?: PayoutCountry | undefined;
  method: PayoutMethod;
  /** Shown to the beneficiary by LigdiCash. */
  description: string;
  orderId?: string | undefined;
  /** Your own labels, kept with the payout (at most 20, short strings). */
  metadata?: Record<string, string> | undefined;
}

/** What `refund` takes beside the order id. */
export interface RefundOptions {
  /** Why (kept with the refund, shown in the admin). */
  reason: string;
  /**
   * The refund's idempotency key. Optional for a full refund (the default is `rf_` + the paid
   * payment's id: the order's one "refund the rest"); required with `amount`, since two partial
   * refunds of the same amount are two refunds.
   */
  id?: string | undefined;
  /** Whole XOF; default: what was paid minus earlier refunds. */
  amount?: number | undefined;
  /** Default `mobile_money`, to the number that paid. */
  method?: PayoutMethod | undefined;
}

const Id = v.pipe(
  v.string("id must be a string"),
  v.regex(PAYOUT_ID_PATTERN, "id must be 1 to 64 letters, digits, '_' or '-'"),
);
const Amount = v.pipe(
  v.number("amount must be a number"),
  v.integer("amount must be whole XOF"),
  v.minValue(20, "amount must be at least 20 XOF (LigdiCash's payout minimum)"),
  v.maxValue(1_000_000, "amount must be at most 1,000,000 XOF (LigdiCash's payout maximum)"),
);
const Method = v.picklist(["wallet", "mobile_money"], 'method must be "wallet" or "mobile_money"');
const Text = (name: string, max: number) =>
  v.pipe(
    v.string(`${name} must be a string`),
    v.trim(),
    v.minLength(1, `${name} is missing`),
    v.maxLength(max, `${name} must be at most ${max} characters`),
    v.regex(/^\P{Cc}+$/u, `${name} has control characters`),
  );

const SendSchema = v.object({
  id: Id,
  amount: Amount,
  to: v.string("to must be the beneficiary's phone number"),
  country: v.optional(v.string()),
  method: Method,
  description: Text("description", 255),
  orderId: v.optional(Text("orderId", 128)),
  metadata: v.optional(
    v.pipe(
      v.record(
        v.pipe(v.string(), v.maxLength(40, "metadata keys must be at most 40 characters")),
        v.pipe(v.string("metadata values must be strings"), v.maxLength(500)),
      ),
      v.check((m) => Object.keys(m).length <= 20, "metadata holds at most 20 entries"),
    ),
  ),
});

const RefundSchema = v.object({
  reason: Text("reason", 255),
  id: v.optional(Id),
  amount: v.optional(Amount),
  method: v.optional(Method),
});

/** Checks `payouts.send`'s input; throws INVALID_REQUEST naming the field. */
export function parseSendInput(input: unknown): SendPayoutInput {
  return parse(SendSchema, input, "payouts.send") as SendPayoutInput;
}

/** Checks `refund`'s options; throws INVALID_REQUEST naming the field. */
export function parseRefundOptions(input: unknown): RefundOptions {
  const options = parse(RefundSchema, input, "refund");
  if (options.amount !== undefined && options.id === undefined) {
    throw new LigdicashError(
      "INVALID_REQUEST",
      "refund: a partial refund (with amount) needs an id of your own, the same on every retry, so that a retry never refunds twice.",
    );
  }
  return options;
}

function parse<S extends v.GenericSchema>(schema: S, input: unknown, what: string) {
  const result = v.safeParse(schema, input);
  if (result.success) return result.output;
  const issue = result.issues[0];
  throw new LigdicashError("INVALID_REQUEST", `${what}: ${issue.message}`);
}
