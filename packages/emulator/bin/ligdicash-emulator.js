#!/usr/bin/env node
// The `ligdicash-emulator` command. It loads the built code; in a clone of the repository, where
// nothing is built yet, it says how to build it instead of failing with a stack trace.
import { existsSync } from "node:fs";

const cli = new URL("../dist/cli.js", import.meta.url);
if (existsSync(cli)) {
  await import(cli.href);
} else {
  process.stderr.write(
    "ligdicash-emulator is not built yet. At the root of the repository, run:\n" +
      "  npx turbo run build --filter=@ligdicash-kit/emulator\n" +
      "then run the command again.\n",
  );
  process.exitCode = 1;
}
