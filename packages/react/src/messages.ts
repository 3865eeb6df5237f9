/**
 * Every text the widget shows. Override any with `<LigdicashProvider messages>`. Upper-case keys
 * are error codes (see {@link ErrorCode}); codes without a text of their own read as `UNKNOWN`.
 */
export interface Messages {
  /** PayButton label, followed by the amount when one is given. */
  pay: string;
  /** PayButton label while the payment page is opening or open. */
  loading: string;
  /** Starts a new payment after a failed or cancelled one. */
  retry: string;
  /** Asks again once the time budget ran out. */
  checkAgain: string;
  /** The way onward from the paid state of the ReturnPage (a link, see `continueHref`). */
  continue: string;
  checking: string;
  paid: string;
  failed: string;
  /** Still not confirmed when the time budget ran out. */
  pending: string;
  /** Back through the cancel URL, and not paid (yet). */
  cancelled: string;
  ORDER_NOT_FOUND: string;
  ALREADY_PAID: string;
  LIGDICASH_REFUSED: string;
  LIGDICASH_AUTH_FAILED: string;
  LIGDICASH_INVALID_AMOUNT: string;
  LIGDICASH_UNAVAILABLE: string;
  NETWORK_ERROR: string;
  POPUP_BLOCKED: string;
  MISSING_ORDER: string;
  /** Every other failure: the shopper can only try again. */
  UNKNOWN: string;
}

/** The locales shipped with the package. */
export type Locale = "fr" | "en";

// Texts shared by several codes: the shopper could not act on the difference.
const notFoundFr = "Commande introuvable.";
const refusedFr = "Paiement refusé par LigdiCash.";
const notFoundEn = "Order not found.";
const refusedEn = "Payment refused by LigdiCash.";

/** French, the default: most LigdiCash shoppers read it first. */
export const fr: Messages = {
  pay: "Payer",
  loading: "Paiement en cours…",
  retry: "Réessayer",
  checkAgain: "Vérifier à nouveau",
  continue: "Continuer mes achats",
  checking: "Vérification du paiement…",
  paid: "Paiement confirmé. Merci !",
  failed: "Le paiement a échoué.",
  pending: "Paiement en attente de confirmation.",
  cancelled: "Paiement annulé.",
  ORDER_NOT_FOUND: notFoundFr,
  ALREADY_PAID: "Commande déjà payée.",
  LIGDICASH_REFUSED: refusedFr,
  LIGDICASH_AUTH_FAILED: refusedFr,
  LIGDICASH_INVALID_AMOUNT: refusedFr,
  LIGDICASH_UNAVAILABLE: "LigdiCash est indisponible. Réessayez plus tard.",
  NETWORK_ERROR: "Pas de connexion internet. Réessayez.",
  POPUP_BLOCKED: "Fenêtre de paiement bloquée : autorisez les pop-up.",
  MISSING_ORDER: notFoundFr,
  UNKNOWN: "Une erreur est survenue. Réessayez.",
};

/** English. */
export const en: Messages = {
  pay: "Pay",
  loading: "Payment in progress…",
  retry: "Try again",
  checkAgain: "Check again",
  continue: "Continue shopping",
  checking: "Checking your payment…",
  paid: "Payment confirmed. Thank you!",
  failed: "The payment failed.",
  pending: "Payment awaiting confirmation.",
  cancelled: "Payment cancelled.",
  ORDER_NOT_FOUND: notFoundEn,
  ALREADY_PAID: "Order already paid.",
  LIGDICASH_REFUSED: refusedEn,
  LIGDICASH_AUTH_FAILED: refusedEn,
  LIGDICASH_INVALID_AMOUNT: refusedEn,
  LIGDICASH_UNAVAILABLE: "LigdiCash is unavailable. Try again later.",
  NETWORK_ERROR: "No internet connection. Try again.",
  POPUP_BLOCKED: "Payment window blocked: allow pop-ups.",
  MISSING_ORDER: notFoundEn,
  UNKNOWN: "Something went wrong. Try again.",
};

/**
 * Formats a whole amount of West African CFA francs for the locale (Intl.NumberFormat, through
 * `toLocaleString`).
 * @example formatXof(15000, "fr") // "15 000 F CFA"
 */
export const formatXof = (amount: number, locale = "fr"): string =>
  amount.toLocaleString(locale, { style: "currency", currency: "XOF" });
