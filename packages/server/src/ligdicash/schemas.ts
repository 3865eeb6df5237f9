import * as v from "valibot";

/** A whole amount sent as a number or a numeric string ("15000"), as real payloads do. */
const Amount = v.union([
  v.pipe(v.number(), v.finite()),
  v.pipe(v.string(), v.trim(), v.regex(/^\d+(?:\.\d+)?$/), v.transform(Number)),
]);

/** Text that may arrive as a number, null or not at all. */
const LooseText = v.pipe(
  v.nullish(v.union([v.string(), v.number()])),
  v.transform((value) =>
    value === null || value === undefined || value === "" ? null : String(value),
  ),
);

const ResponseCode = v.pipe(
  v.union([v.string(), v.number()]),
  v.transform((code) => String(code).trim().padStart(2, "0")),
);

/** `POST …/checkout-invoice/create` answer: success (`00`) and refusal (`01`) share one shape. */
export const CreateResponse = v.looseObject({
  response_code: ResponseCode,
  token: v.optional(v.nullable(v.string())),
  response_text: v.optional(v.nullable(v.string())),
  response_text_details: v.optional(v.unknown()),
  description: v.optional(v.unknown()),
});
export type CreateResponse = v.InferOutput<typeof CreateResponse>;

/**
 * `GET …/checkout-invoice/confirm` answer. Only `response_code` is always there; `status` is there
 * whenever the call worked. Extra and missing fields are fine.
 */
export const ConfirmResponse = v.looseObject({
  response_code: ResponseCode,
  response_text: v.optional(v.nullable(v.string())),
  status: v.optional(v.nullable(v.string())),
  amount: v.optional(v.nullable(Amount)),
  montant: v.optional(v.nullable(Amount)),
  devise: v.optional(v.nullable(v.string())),
  currency: v.optional(v.nullable(v.string())),
  operator_id: LooseText,
  operator_name: LooseText,
  customer: LooseText,
  custom_data: v.optional(v.unknown()),
  customdata: v.optional(v.unknown()),
  request_id: LooseText,
  date: LooseText,
});
export type ConfirmResponse = v.InferOutput<typeof ConfirmResponse>;

/** LigdiCash's payment status words: `nocompleted` is the older spelling of `notcompleted`. */
export const PROVIDER_STATUS = {
  completed: "paid",
  notcompleted: "failed",
  nocompleted: "failed",
  pending: "pending",
} as const;
