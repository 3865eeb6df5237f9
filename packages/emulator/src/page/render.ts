import type { InvoiceRecord } from "../invoice.js";
import { COUNTRIES, DEFAULT_OPERATOR_ID, OPERATORS, type CountryCode } from "../operators.js";
import { escapeHtml as e } from "./escape.js";
import { formatAmount, MESSAGES, type Lang, type Messages } from "./messages.js";
import { STYLE } from "./style.js";

/** The hosted payment page: buttons while pending, the outcome once settled. */
export function renderInvoicePage(record: InvoiceRecord, lang: Lang): string {
  const t = MESSAGES[lang];
  const amount = formatAmount(record.amount, lang);
  const body = `
<div class="top"><p class="merchant">${e(t.merchant)}</p>${langSwitch(lang, t)}</div>
<h1>${e(record.storeName || "LigdiCash")}</h1>
${record.description ? `<p class="desc">${e(record.description)}</p>` : ""}
<p class="amount"><small>${e(t.amountLabel)}</small>${e(amount)}</p>
${record.status === "pending" ? payForm(record, lang, t, amount) : settledState(record, t)}`;
  return layout(lang, `${t.title} · ${record.storeName}`, body, `${t.invoice} ${record.id}`);
}

/** A page with one message, for unknown invoices and bad requests. */
export function renderMessagePage(lang: Lang, title: string, message: string): string {
  return layout(lang, title, `<h1>${e(title)}</h1><p class="desc">${e(message)}</p>`, "");
}

function payForm(record: InvoiceRecord, lang: Lang, t: Messages, amount: string): string {
  // A path relative to /directpayment/invoice/, so the post returns to this very invoice.
  return `<form method="post" action="./${e(record.token)}">
<input type="hidden" name="lang" value="${lang}">
<label for="operator">${e(t.operator)}</label>
<select id="operator" name="operator">${operatorOptions(lang)}</select>
<button type="submit" name="action" value="pay" class="pay">${e(`${t.pay} ${amount}`)}</button>
<button type="submit" name="action" value="decline">${e(t.decline)}</button>
<button type="submit" name="action" value="cancel" class="link">${e(t.cancel)}</button>
</form>`;
}

function settledState(record: InvoiceRecord, t: Messages): string {
  const state = record.status === "completed" ? t.alreadyPaid : t.alreadyDeclined;
  return `<p class="state">${e(state)}</p>
<p><a href="${e(record.returnUrl)}">${e(t.backToShop)}</a></p>`;
}

function operatorOptions(lang: Lang): string {
  const countries = Object.keys(COUNTRIES) as CountryCode[];
  return countries
    .map((country) => {
      const options = OPERATORS.filter((operator) => operator.country === country)
        .map((operator) => {
          const selected = operator.id === DEFAULT_OPERATOR_ID ? " selected" : "";
          return `<option value="${e(operator.id)}"${selected}>${e(operator.name)}</option>`;
        })
        .join("");
      return `<optgroup label="${e(COUNTRIES[country][lang])}">${options}</optgroup>`;
    })
    .join("");
}

function langSwitch(lang: Lang, t: Messages): string {
  const other = lang === "fr" ? "en" : "fr";
  return `<a class="lang" href="?lang=${other}" hreflang="${other}" lang="${other}">${e(t.switchLang)}</a>`;
}

function layout(lang: Lang, title: string, body: string, footer: string): string {
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${e(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<p class="banner">${e(MESSAGES[lang].banner)}</p>
<div class="card">${body}
</div>
${footer ? `<footer>${e(footer)}</footer>` : ""}
</main>
</body>
</html>
`;
}
