import { formatXof, type Locale } from "@ligdicash-kit/react";
import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from "react";

const fr = {
  brandTagline: "Artisanat du Burkina Faso",
  switchTo: "English",
  switchLabel: "Switch to English",
  loading: "Chargement…",
  loadError: "Impossible de joindre la boutique. Vérifiez votre connexion et réessayez.",
  reload: "Réessayer",
  quantity: "Quantité",
  decrease: "Diminuer la quantité",
  increase: "Augmenter la quantité",
  total: "Total",
  buyTitle: "Votre commande",
  order: "Commander",
  ordering: "Création de la commande…",
  orderNumber: "Commande n°",
  payRedirect: "Payer",
  payPopup: "Payer dans une fenêtre",
  payHint: "Vous choisirez votre opérateur sur la page sécurisée LigdiCash.",
  changeOrder: "Modifier la commande",
  popupFailed: "Le paiement a échoué. Vous pouvez réessayer.",
  popupClosed: "Fenêtre fermée avant la fin du paiement. Vous pouvez réessayer.",
  operators: "Orange Money · Moov Money · Wave · MTN",
  youMayLike: "Vous aimerez aussi",
  details: "Détails",
  secure: "Paiement mobile money sécurisé par LigdiCash",
  demo: "Boutique de démonstration : aucun argent réel ne circule.",
  returnTitle: "Votre paiement",
  checkingHint:
    "Si votre opérateur vous le demande, validez le paiement sur votre téléphone. Cette page se met à jour toute seule.",
  thanks: "Merci pour votre achat !",
  paidLead: "Votre paiement est confirmé. Suivez votre commande à tout moment.",
  deliveredLead: "Paiement reçu, commande livrée. Merci pour votre confiance !",
  seeOrder: "Voir ma commande",
  keepShopping: "Continuer mes achats",
  orderTitle: "Commande",
  stepPlaced: "Commande passée",
  stepPaid: "Paiement confirmé",
  stepAwaiting: "En attente de paiement",
  stepDelivered: "Livrée",
  stepDelivering: "Livraison après paiement",
  paidWith: "Payé avec",
  statusAwaiting: "En attente de paiement",
  statusPaid: "Payée",
  statusDelivered: "Livrée",
  payNow: "Payer maintenant",
  notFound: "Page introuvable.",
  orderNotFound: "Cette commande n'existe pas.",
  backHome: "Retour à la boutique",
};

export type Texts = typeof fr;

const en: Texts = {
  brandTagline: "Crafts from Burkina Faso",
  switchTo: "Français",
  switchLabel: "Passer en français",
  loading: "Loading…",
  loadError: "Cannot reach the shop. Check your connection and try again.",
  reload: "Try again",
  quantity: "Quantity",
  decrease: "Decrease quantity",
  increase: "Increase quantity",
  total: "Total",
  buyTitle: "Your order",
  order: "Place order",
  ordering: "Creating your order…",
  orderNumber: "Order #",
  payRedirect: "Pay",
  payPopup: "Pay in a window",
  payHint: "You will pick your operator on LigdiCash's secure page.",
  changeOrder: "Change the order",
  popupFailed: "The payment failed. You can try again.",
  popupClosed: "Window closed before the payment was done. You can try again.",
  operators: "Orange Money · Moov Money · Wave · MTN",
  youMayLike: "You may also like",
  details: "Details",
  secure: "Mobile money payment secured by LigdiCash",
  demo: "Demo shop: no real money moves.",
  returnTitle: "Your payment",
  checkingHint:
    "If your operator asks, approve the payment on your phone. This page updates by itself.",
  thanks: "Thank you for your purchase!",
  paidLead: "Your payment is confirmed. Follow your order at any time.",
  deliveredLead: "Payment received, order delivered. Thank you for your trust!",
  seeOrder: "View my order",
  keepShopping: "Keep shopping",
  orderTitle: "Order",
  stepPlaced: "Order placed",
  stepPaid: "Payment confirmed",
  stepAwaiting: "Awaiting payment",
  stepDelivered: "Delivered",
  stepDelivering: "Delivery once paid",
  paidWith: "Paid with",
  statusAwaiting: "Awaiting payment",
  statusPaid: "Paid",
  statusDelivered: "Delivered",
  payNow: "Pay now",
  notFound: "Page not found.",
  orderNotFound: "This order does not exist.",
  backHome: "Back to the shop",
};

const TEXTS: Record<Locale, Texts> = { fr, en };
const STORAGE_KEY = "lang";

interface LocaleValue {
  locale: Locale;
  t: Texts;
  setLocale: (locale: Locale) => void;
  /** "15 000 F CFA" in French, "F CFA 15,000" in English. */
  price: (amount: number) => string;
  /** A date and time in the reader's language. */
  date: (iso: string) => string;
}

const Context = createContext<LocaleValue | null>(null);

// French first (the shop's customers), then a choice remembered across the payment round trip.
function initialLocale(): Locale {
  const asked = new URLSearchParams(location.search).get("lang");
  if (asked === "fr" || asked === "en") return asked;
  try {
    return localStorage.getItem(STORAGE_KEY) === "en" ? "en" : "fr";
  } catch {
    return "fr";
  }
}

/**
 * The storefront's language: French by default, English on request, kept in localStorage. A page
 * rendered on the server passes `initial` (it cannot read the browser's choice); the browser's
 * choice is taken once the page runs.
 */
export function LocaleProvider({ children, initial }: { children: ReactNode; initial?: Locale }) {
  const [locale, setLocale] = useState<Locale>(() => initial ?? initialLocale());
  useEffect(() => {
    if (initial !== undefined) setLocale(initialLocale());
  }, [initial]);
  useEffect(() => {
    document.documentElement.lang = locale;
    try {
      localStorage.setItem(STORAGE_KEY, locale);
    } catch {
      // private mode: the choice lasts for this page only
    }
  }, [locale]);
  const value = useMemo<LocaleValue>(() => {
    const dates = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short" });
    return {
      locale,
      t: TEXTS[locale],
      setLocale,
      price: (amount) => formatXof(amount, locale),
      date: (iso) => dates.format(new Date(iso)),
    };
  }, [locale]);
  return <Context.Provider value={value}>{children}</Context.Provider>;
}

/** The active language, its texts and formatters. */
export function useLocale(): LocaleValue {
  const value = useContext(Context);
  if (!value) throw new Error("useLocale must be used inside <LocaleProvider>");
  return value;
}
