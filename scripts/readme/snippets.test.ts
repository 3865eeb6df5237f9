import { join } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { fencedBlocks, READMES, type Block } from "./snippets.js";
import { preludeFor } from "./stand-ins.js";

// Every ```ts and ```tsx block of the READMEs compiles under the repository's strict settings,
// against the built packages (run after a build: npm test builds them). A snippet may leave out
// what only the shop has (its db, its handlers): stand-ins.ts declares those.

const root = fileURLToPath(new URL("../..", import.meta.url));

const options: ts.CompilerOptions = {
  target: ts.ScriptTarget.ES2022,
  lib: ["lib.es2023.d.ts", "lib.dom.d.ts"],
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext,
  jsx: ts.JsxEmit.ReactJSX,
  strict: true,
  noUncheckedIndexedAccess: true,
  esModuleInterop: true,
  skipLibCheck: true,
  noEmit: true,
  types: ["node"],
};

interface Snippet {
  block: Block;
  path: string;
  source: string;
  preludeLines: number;
}

/** A snippet as a module: stand-ins, its imports, then the rest (bare JSX wrapped in a fragment). */
function toSnippet(block: Block, index: number): Snippet {
  const prelude = preludeFor(block.text, block.lang);
  const lines = block.text.split("\n");
  const firstCode = lines.findIndex((l) => l.trim() !== "" && !/^\s*(\/\/|import\b)/.test(l));
  const body = firstCode === -1 ? [] : lines.slice(firstCode);
  const bareJsx = block.lang === "tsx" && body.length > 0 && body[0]!.trim().startsWith("<");
  const head = firstCode === -1 ? lines : lines.slice(0, firstCode);
  const text = bareJsx
    ? [...head, "export const snippet = (<>", ...body.map(jsxComments), "</>);"].join("\n")
    : `${block.text}\nexport {};`;
  const name = `${block.file.replace(/[^\w]+/g, "-")}-${index}.${block.lang}`;
  const preludeText = prelude ? `${prelude}\n` : "";
  return {
    block,
    path: join(root, "readme-snippets", name),
    source: preludeText + text,
    preludeLines: preludeText ? preludeText.split("\n").length - 1 : 0,
  };
}

/** Inside JSX, `// note` is text (and `<id>` in it a tag): make such notes JSX comments. */
function jsxComments(line: string): string {
  return line
    .replace(/^(\s*)\/\/(.*)$/, "$1{/*$2 */}")
    .replace(/(\/?>)(\s+)\/\/(.*)$/, "$1$2{/*$3 */}");
}

const snippets = READMES.flatMap((file) =>
  fencedBlocks(root, file)
    .filter((block) => block.lang === "ts" || block.lang === "tsx")
    .map(toSnippet),
);

function compile(): Map<string, string[]> {
  const byPath = new Map(snippets.map((s) => [s.path, s]));
  const base = ts.createCompilerHost(options);
  const host: ts.CompilerHost = {
    ...base,
    fileExists: (f) => byPath.has(f) || base.fileExists(f),
    readFile: (f) => byPath.get(f)?.source ?? base.readFile(f),
    getSourceFile: (f, language, ...rest) => {
      const snippet = byPath.get(f);
      return snippet
        ? ts.createSourceFile(f, snippet.source, language, true)
        : base.getSourceFile(f, language, ...rest);
    },
  };
  const program = ts.createProgram([...byPath.keys()], options, host);
  const errors = new Map<string, string[]>();
  for (const diagnostic of ts.getPreEmitDiagnostics(program)) {
    const snippet = diagnostic.file && byPath.get(diagnostic.file.fileName);
    const where = snippet
      ? `${snippet.block.file}:${
          snippet.block.line +
          diagnostic.file!.getLineAndCharacterOfPosition(diagnostic.start ?? 0).line -
          snippet.preludeLines
        }`
      : (diagnostic.file?.fileName ?? "options");
    const key = snippet?.path ?? "other";
    const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n");
    errors.set(key, [...(errors.get(key) ?? []), `${where}: ${message}`]);
  }
  return errors;
}

describe("README snippets", () => {
  const errors = compile();

  it("finds the snippets of every README", () => {
    for (const file of ["README.md", "packages/server/README.md", "packages/react/README.md"]) {
      expect(snippets.some((s) => s.block.file === file)).toBe(true);
    }
  });

  it("compiles nothing but the snippets with errors", () => {
    expect(errors.get("other") ?? []).toEqual([]);
  });

  it.each(snippets.map((s) => [`${s.block.file}:${s.block.line}`, s] as const))(
    "%s compiles under strict",
    (_where, snippet) => {
      expect(errors.get(snippet.path) ?? []).toEqual([]);
    },
  );
});
