import { createHash } from "node:crypto";

/** The page's only stylesheet, inlined; mobile first, no external resource. */
export const STYLE = `
*{box-sizing:border-box}
body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;background:#f4f5f7;color:#1d2330}
main{max-width:420px;margin:0 auto;padding:16px}
.banner{background:#fff4d6;color:#6b4e00;border-radius:8px;padding:8px 12px;font-size:13px;margin:0 0 12px}
.card{background:#fff;border-radius:12px;padding:20px;box-shadow:0 1px 3px rgba(0,0,0,.08)}
.top{display:flex;justify-content:space-between;align-items:baseline;gap:8px}
.merchant{font-size:13px;color:#5b6375;margin:0}
.lang{font-size:13px}
h1{font-size:20px;margin:4px 0 8px;overflow-wrap:anywhere}
.desc{color:#3b4252;margin:0 0 16px;overflow-wrap:anywhere}
.amount{font-size:28px;font-weight:700;margin:0 0 20px}
.amount small{display:block;font-size:13px;font-weight:400;color:#5b6375}
label{display:block;font-weight:600;margin:0 0 6px}
select{width:100%;padding:12px;font-size:16px;border:1px solid #c8ccd6;border-radius:8px;background:#fff;margin:0 0 16px}
button{display:block;width:100%;padding:14px;font-size:16px;border-radius:8px;border:1px solid #c8ccd6;background:#fff;color:#1d2330;margin:0 0 10px;cursor:pointer}
button.pay{background:#f26b1d;border-color:#f26b1d;color:#fff;font-weight:700}
button.link{border:0;background:none;color:#2456c5;text-decoration:underline}
.state{font-size:18px;font-weight:600;margin:0 0 16px}
a{color:#2456c5}
footer{font-size:12px;color:#5b6375;text-align:center;margin-top:12px}
`;

/** Security headers of every page: no framing (like the real page), nothing but our own style. */
export const PAGE_HEADERS: Record<string, string> = {
  "X-Frame-Options": "DENY",
  "Content-Security-Policy": [
    "default-src 'none'",
    `style-src 'sha256-${createHash("sha256").update(STYLE).digest("base64")}'`,
    "base-uri 'none'",
    "frame-ancestors 'none'",
  ].join("; "),
  "X-Content-Type-Options": "nosniff",
  // The URL holds the invoice token: keep it out of the Referer sent to the shop.
  "Referrer-Policy": "no-referrer",
};
