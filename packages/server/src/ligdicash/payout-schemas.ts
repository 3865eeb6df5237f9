import * as v from "valibot";
import { ConfirmResponse, CreateResponse } from "./schemas.js";

/**
 * Payout create answer (both endpoints): the hosted create's envelope, the payout token in `token`.
 * `custom_data` is `[]` (wallet) or `""` (mobile money) and is not read.
 */
export const PayoutCreateResponse = CreateResponse;
export type PayoutCreateResponse = v.InferOutput<typeof PayoutCreateResponse>;

/** Text that may arrive as a number, null or not at all (the hosted confirm's own reading). */
const LooseText = ConfirmResponse.entries.customer;

/**
 * Payout confirm answer: the hosted confirm's fields (amounts as numbers or numeric strings,
 * `operator_id` as text or number, `nocompleted` spelling) plus the shop's transaction id at the
 * top level, as payout callbacks carry it. Only `response_code` is always there.
 */
export const PayoutConfirmResponse = v.looseObject({
  ...ConfirmResponse.entries,
  token: v.optional(v.nullable(v.string())),
  transaction_id: LooseText,
  external_id: LooseText,
});
export type PayoutConfirmResponse = v.InferOutput<typeof PayoutConfirmResponse>;
