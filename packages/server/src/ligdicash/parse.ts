import * as v from "valibot";
import { LigdicashError } from "../core/errors.js";

/**
 * Validates a LigdiCash answer against its schema, or throws LIGDICASH_BAD_RESPONSE naming the
 * call (`create`, `payout confirm`…); the answer itself stays out of the message.
 */
export function parseAnswer<S extends v.GenericSchema>(
  schema: S,
  raw: unknown,
  operation: string,
): v.InferOutput<S> {
  const result = v.safeParse(schema, raw);
  if (!result.success) {
    throw new LigdicashError(
      "LIGDICASH_BAD_RESPONSE",
      `LigdiCash's ${operation} answer has an unexpected shape.`,
    );
  }
  return result.output;
}
