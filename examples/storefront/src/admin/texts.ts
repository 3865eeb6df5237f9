import { useLocale } from "../i18n";

const fr = {
  title: "Administration",
  password: "Mot de passe",
  login: "Se connecter",
  loggingIn: "Connexion…",
  wrongPassword: "Mot de passe incorrect.",
  tooManyAttempts: "Trop de mots de passe incorrects : réessayez dans 15 minutes au plus.",
  logout: "Se déconnecter",
  orders: "Commandes",
  noOrders: "Aucune commande pour l'instant.",
  payments: "Paiements",
  refunds: "Remboursements",
  payouts: "Versements",
  noPayouts: "Aucun versement.",
  refundable: "Remboursable",
  refunded: "Remboursé",
  amount: "Montant",
  reason: "Motif",
  reasonPlaceholder: "ex. rupture de stock",
  refund: "Rembourser",
  refunding: "Envoi du remboursement…",
  nothingToRefund: "Rien à rembourser.",
  to: "Vers",
  live: "Mise à jour automatique tant qu'un versement est en cours.",
  checkInLigdicash:
    "Issue inconnue : cherchez ce versement (par son identifiant) dans le tableau de bord LigdiCash, puis dites comment il a fini.",
  resolvePaid: "Il est versé",
  resolveFailed: "Il a échoué",
  order: {
    awaiting_payment: "En attente de paiement",
    paid: "Payée",
  } as Record<string, string>,
  payment: { pending: "En attente", paid: "Payé", failed: "Échoué" } as Record<string, string>,
  payout: {
    pending: "Envoi…",
    sent: "En cours",
    paid: "Versé",
    failed: "Échoué",
    unknown: "À vérifier",
  } as Record<string, string>,
};

const en: typeof fr = {
  title: "Admin",
  password: "Password",
  login: "Log in",
  loggingIn: "Logging in…",
  wrongPassword: "Wrong password.",
  tooManyAttempts: "Too many wrong passwords: try again in 15 minutes at most.",
  logout: "Log out",
  orders: "Orders",
  noOrders: "No orders yet.",
  payments: "Payments",
  refunds: "Refunds",
  payouts: "Payouts",
  noPayouts: "No payouts.",
  refundable: "Refundable",
  refunded: "Refunded",
  amount: "Amount",
  reason: "Reason",
  reasonPlaceholder: "e.g. out of stock",
  refund: "Refund",
  refunding: "Sending the refund…",
  nothingToRefund: "Nothing to refund.",
  to: "To",
  live: "Updates by itself while a payout is on its way.",
  checkInLigdicash:
    "Outcome unknown: look this payout up (by its id) in the LigdiCash dashboard, then say how it ended.",
  resolvePaid: "It was paid",
  resolveFailed: "It failed",
  order: { awaiting_payment: "Awaiting payment", paid: "Paid" },
  payment: { pending: "Pending", paid: "Paid", failed: "Failed" },
  payout: {
    pending: "Sending…",
    sent: "On its way",
    paid: "Paid out",
    failed: "Failed",
    unknown: "To check",
  },
};

/** The admin page's texts, in the storefront's language. */
export function useAdminTexts() {
  const locale = useLocale();
  return { ...locale, a: locale.locale === "en" ? en : fr };
}
