import type { Localized, Product } from "./api-types.js";

/**
 * What the shop sells. Prices are whole XOF francs and live only here, on the server: an order's
 * amount is always computed from this table, never taken from the browser.
 */
export const PRODUCTS: readonly Product[] = [
  {
    id: "pagne-faso-dan-fani",
    name: { fr: "Pagne Faso Dan Fani", en: "Faso Dan Fani cloth" },
    tagline: {
      fr: "Coton tissé à la main à Koudougou",
      en: "Hand-woven cotton from Koudougou",
    },
    description: {
      fr: "Trois pagnes de coton du Burkina, filé et tissé sur métier traditionnel par une coopérative de tisserandes de Koudougou. Rayures indigo, ocre et terre cuite, teintures végétales.",
      en: "Three cloths of Burkinabè cotton, spun and woven on a traditional loom by a women's weaving cooperative in Koudougou. Indigo, ochre and terracotta stripes, plant dyes.",
    },
    details: {
      fr: [
        "100 % coton du Burkina Faso",
        "3 pagnes de 1,80 m × 1,15 m",
        "Lavage à la main, à froid",
      ],
      en: ["100% Burkina Faso cotton", "3 cloths of 1.80 m × 1.15 m", "Hand wash, cold"],
    },
    price: 15_000,
    image: "/images/dan-fani.svg",
  },
  {
    id: "beurre-de-karite",
    name: { fr: "Beurre de karité brut", en: "Raw shea butter" },
    tagline: { fr: "Pressé à froid à Léo, 250 g", en: "Cold-pressed in Léo, 250 g" },
    description: {
      fr: "Beurre de karité non raffiné, extrait à la main par une union de productrices de Léo. Pour la peau, les cheveux et la cuisine.",
      en: "Unrefined shea butter, hand-extracted by a women producers' union in Léo. For skin, hair and cooking.",
    },
    details: {
      fr: ["Pot en verre de 250 g", "Non raffiné, sans parfum", "Se conserve 18 mois"],
      en: ["250 g glass jar", "Unrefined, unscented", "Keeps for 18 months"],
    },
    price: 3_500,
    image: "/images/karite.svg",
  },
  {
    id: "chapeau-de-sapone",
    name: { fr: "Chapeau de Saponé", en: "Saponé hat" },
    tagline: { fr: "Paille tressée et cuir", en: "Braided straw and leather" },
    description: {
      fr: "Le chapeau conique de Saponé, tressé en paille et orné de cuir teint. Léger, large, fait pour le soleil de midi.",
      en: "The conical hat of Saponé, braided from straw and trimmed with dyed leather. Light, wide, made for the midday sun.",
    },
    details: {
      fr: ["Paille et cuir de chèvre", "Diamètre 45 cm", "Fait main à Saponé"],
      en: ["Straw and goat leather", "45 cm across", "Handmade in Saponé"],
    },
    price: 7_500,
    image: "/images/sapone.svg",
  },
];

/** Most of one product an order may hold: a shop rule, and a bound on the amount. */
export const MAX_QUANTITY = 10;

/** The product with this id, or undefined. */
export function findProduct(id: string): Product | undefined {
  return PRODUCTS.find((product) => product.id === id);
}

/** One line of an order, priced from the catalog. */
export interface PricedLine {
  productId: string;
  name: Localized;
  quantity: number;
  unitPrice: number;
}

/** Prices order lines from the catalog; unknown products are reported by id. */
export function priceLines(
  lines: readonly { productId: string; quantity: number }[],
): { lines: PricedLine[]; amount: number } | { unknown: string } {
  const priced: PricedLine[] = [];
  for (const line of lines) {
    const product = findProduct(line.productId);
    if (!product) return { unknown: line.productId };
    priced.push({
      productId: product.id,
      name: product.name,
      quantity: line.quantity,
      unitPrice: product.price,
    });
  }
  const amount = priced.reduce((sum, line) => sum + line.quantity * line.unitPrice, 0);
  return { lines: priced, amount };
}
