import { describe, expect, it } from "vitest";
import { escapeHtml } from "./escape.js";

describe("escapeHtml", () => {
  it("escapes the characters that open tags, entities and quoted attributes", () => {
    expect(escapeHtml(`<a href="x" title='y'>Tom & Jerry</a>`)).toBe(
      "&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;Tom &amp; Jerry&lt;/a&gt;",
    );
  });

  it("leaves ordinary text, accents included, alone", () => {
    expect(escapeHtml("Côte d’Ivoire — 15 000 XOF")).toBe("Côte d’Ivoire — 15 000 XOF");
  });
});
