// The envelope LigdiCash wraps every answer in: errors are HTTP 200 with response_code "01".

export const CREATE_WIKI = "https://client.ligdicash.com/wiki/createInvoice";
export const CONFIRM_WIKI = "https://client.ligdicash.com/wiki/confirmInvoice";

/** A refusal as LigdiCash words it, e.g. `Echec (Code02)`. */
export interface LigdicashFailure {
  code: string;
  details?: string;
}

export function failureBody(failure: LigdicashFailure, wiki: string): Record<string, string> {
  return {
    response_code: "01",
    token: "",
    response_text: `Echec (Code${failure.code})`,
    ...(failure.details === undefined ? {} : { response_text_details: failure.details }),
    description: "",
    wiki,
  };
}

export function createdBody(token: string, payUrl: string): Record<string, string> {
  return { response_code: "00", token, response_text: payUrl, description: "", wiki: CREATE_WIKI };
}
