#!/usr/bin/env node
import { runCli } from "./cli/main.js";

const result = await runCli({
  argv: process.argv.slice(2),
  env: process.env,
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  signals: process,
  exit: (code) => process.exit(code),
});
if (typeof result === "number") process.exitCode = result;
