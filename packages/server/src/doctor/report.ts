/** A sentence in both languages of the kit's users. */
export interface Text {
  en: string;
  fr: string;
}

export type Lang = keyof Text;

/** One thing the doctor looked at: fine, or a problem with what to do about it. */
export interface Finding {
  ok: boolean;
  what: Text;
  fix?: Text | undefined;
}

export const say = (en: string, fr: string): Text => ({ en, fr });

export const ok = (what: Text): Finding => ({ ok: true, what });

export const problem = (what: Text, fix: Text): Finding => ({ ok: false, what, fix });

/** `--lang fr|en`, else French when LANG / LC_ALL / LC_MESSAGES says so, else English. */
export function pickLang(flag: string | undefined, env: Record<string, string | undefined>): Lang {
  const wanted = flag ?? env.LC_ALL ?? env.LC_MESSAGES ?? env.LANG ?? "";
  return wanted.toLowerCase().startsWith("fr") ? "fr" : "en";
}

/** The findings as the terminal shows them: one line each, the fix indented under a problem. */
export function render(sections: [Text, Finding[]][], lang: Lang): string {
  const lines: string[] = [];
  for (const [title, findings] of sections) {
    if (findings.length === 0) continue;
    lines.push(title[lang]);
    for (const finding of findings) {
      lines.push(`  ${finding.ok ? "✓" : "✗"} ${finding.what[lang]}`);
      if (finding.fix)
        lines.push(`    → ${lang === "fr" ? "à faire :" : "fix:"} ${finding.fix[lang]}`);
    }
    lines.push("");
  }
  const problems = sections.flatMap(([, findings]) => findings).filter((f) => !f.ok).length;
  lines.push(
    problems === 0
      ? say("Everything checked is fine.", "Tout ce qui a été vérifié est correct.")[lang]
      : lang === "fr"
        ? `${problems} problème${problems > 1 ? "s" : ""} à corriger.`
        : `${problems} problem${problems > 1 ? "s" : ""} to fix.`,
  );
  return `${lines.join("\n")}\n`;
}
