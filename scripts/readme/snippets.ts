import { readFileSync } from "node:fs";
import { join, relative } from "node:path";

/** A fenced block of a README: its language, text and the README line its first line is on. */
export interface Block {
  file: string;
  lang: string;
  line: number;
  text: string;
}

/** The READMEs whose snippets and commands are checked. */
export const READMES = [
  "README.md",
  "packages/server/README.md",
  "packages/react/README.md",
  "packages/emulator/README.md",
  "examples/README.md",
];

/** Every fenced block of a Markdown file, with the line its text starts on (1-based). */
export function fencedBlocks(root: string, file: string): Block[] {
  const lines = readFileSync(join(root, file), "utf8").split("\n");
  const blocks: Block[] = [];
  let open: { lang: string; line: number; text: string[] } | null = null;
  lines.forEach((line, index) => {
    const fence = /^```(\S*)\s*$/.exec(line);
    if (open === null && fence) {
      open = { lang: fence[1] ?? "", line: index + 2, text: [] };
    } else if (open !== null && line.startsWith("```")) {
      blocks.push({
        file: relative(root, join(root, file)),
        lang: open.lang,
        line: open.line,
        text: open.text.join("\n"),
      });
      open = null;
    } else if (open !== null) {
      open.text.push(line);
    }
  });
  return blocks;
}
