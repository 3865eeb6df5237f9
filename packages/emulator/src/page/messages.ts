/** Languages of the payment page: French by default, English with `?lang=en`. */
export type Lang = "fr" | "en";

export function pickLang(value: string | null): Lang {
  return value === "en" ? "en" : "fr";
}

const fr = {
  title: "Paiement",
  banner: "Émulateur LigdiCash : aucun argent réel ne circule.",
  switchLang: "English",
  amountLabel: "Montant à payer",
  invoice: "Facture n°",
  merchant: "Marchand",
  operator: "Choisissez votre opérateur",
  pay: "Payer",
  decline: "Refuser le paiement",
  cancel: "Annuler et revenir à la boutique",
  alreadyPaid: "Cette facture est déjà payée.",
  alreadyDeclined: "Ce paiement a été refusé.",
  backToShop: "Retour à la boutique",
  notFoundTitle: "Facture introuvable",
  notFound: "Ce lien de paiement n'existe pas ou a expiré.",
  badRequest: "Action inconnue ou opérateur invalide.",
};

const en: typeof fr = {
  title: "Payment",
  banner: "LigdiCash emulator: no real money moves.",
  switchLang: "Français",
  amountLabel: "Amount to pay",
  invoice: "Invoice #",
  merchant: "Merchant",
  operator: "Choose your operator",
  pay: "Pay",
  decline: "Decline the payment",
  cancel: "Cancel and return to the shop",
  alreadyPaid: "This invoice is already paid.",
  alreadyDeclined: "This payment was declined.",
  backToShop: "Back to the shop",
  notFoundTitle: "Invoice not found",
  notFound: "This payment link does not exist or has expired.",
  badRequest: "Unknown action or invalid operator.",
};

export type Messages = typeof fr;

export const MESSAGES: Record<Lang, Messages> = { fr, en };

/** `15 000 XOF` in French, `15,000 XOF` in English. */
export function formatAmount(amount: number, lang: Lang): string {
  return `${new Intl.NumberFormat(lang === "en" ? "en-US" : "fr-FR").format(amount)} XOF`;
}
