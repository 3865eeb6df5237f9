#!/usr/bin/env node
// Every shell command of the READMEs, run the way a reader runs it in a fresh clone (CI runs this
// right after `npm ci`). Each command is classified in commands.json: quick ones must exit 0,
// long-running ones must answer at their URL and are then stopped, the rest say why they are not
// run. A command missing from commands.json fails the run, so that a new README command gets
// checked too.
import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "..", "..");
const READMES = [
  "README.md",
  "packages/server/README.md",
  "packages/react/README.md",
  "packages/emulator/README.md",
  "examples/README.md",
];
const plan = JSON.parse(readFileSync(join(here, "commands.json"), "utf8"));
const only = process.argv.slice(2);

/** The commands of the ```sh blocks: continuation lines joined, comments and prompts dropped. */
function commandsOf(file) {
  const text = readFileSync(join(root, file), "utf8");
  const commands = [];
  // Fences indented under a list item count too.
  for (const [, body] of text.matchAll(/^ *```sh\n([\s\S]*?)^ *```/gm)) {
    const joined = body.replace(/\\\n\s*/g, "");
    for (const line of joined.split("\n")) {
      const command = line.replace(/\s+#.*$/, "").trim();
      if (command && !command.startsWith("#")) commands.push(command);
    }
  }
  return commands;
}

// A folder beside a link to the clone, so that "../your-app" and "../ligdicash-kit" mean what the
// README means whatever the clone's own folder is called.
const sandbox = mkdtempSync(join(tmpdir(), "readme-commands-"));
const cloneLink = join(sandbox, "ligdicash-kit");
symlinkSync(root, cloneLink, "dir");
const app = join(sandbox, "your-app");
mkdirSync(app);
writeFileSync(
  join(app, "package.json"),
  JSON.stringify({ name: "your-app", private: true, type: "module" }),
);

function start(command, cwd) {
  const child = spawn("bash", ["-c", command], {
    cwd,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    // PWD keeps the path through the link, so that bash's `cd ..` goes where the reader's would.
    env: { ...process.env, PWD: cwd, FORCE_COLOR: "0", CI: process.env.CI ?? "" },
  });
  let output = "";
  child.stdout.on("data", (chunk) => (output += chunk));
  child.stderr.on("data", (chunk) => (output += chunk));
  const exited = new Promise((resolve) =>
    child.on("exit", (code, signal) => resolve(code ?? signal)),
  );
  return { child, exited, output: () => output };
}

/** Whether any process of the group still runs. */
function groupAlive(pid) {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * Stops the command's whole process group and waits until every process of it has exited: a
 * server the shell started (an emulator, a Next.js process) may outlive the shell and still hold
 * its port when the next command starts.
 */
async function stop(run) {
  const pid = run.child.pid;
  try {
    process.kill(-pid, "SIGTERM");
  } catch {
    return; // already gone
  }
  const kill = () => {
    try {
      process.kill(-pid, "SIGKILL");
    } catch {
      // gone meanwhile
    }
  };
  const timer = setTimeout(kill, 10_000);
  await run.exited;
  const deadline = Date.now() + 15_000;
  while (groupAlive(pid)) {
    if (Date.now() > deadline) kill();
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  clearTimeout(timer);
}

async function answers(url, deadline, run) {
  let exited = false;
  void run.exited.then(() => (exited = true));
  while (Date.now() < deadline && !exited) {
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      return response.status < 500;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
  return false;
}

const helpers = {
  emulator: {
    command: "npx ligdicash-emulator --port 4010",
    url: "http://127.0.0.1:4010/__emulator/invoices",
  },
  demo: { command: "DEMO_SKIP_BUILD=1 npm start", url: "http://localhost:3000/" },
};

async function runOne(command, rule) {
  const cwd = rule.app ? (rule.cwdInApp ? app : cloneLink) : join(root, rule.cwd ?? ".");
  const timeoutMs = (rule.timeoutS ?? 60) * 1000;
  let helper;
  if (rule.with) {
    const { command: helperCommand, url } = helpers[rule.with];
    helper = start(helperCommand, root);
    if (!(await answers(url, Date.now() + 420_000, helper))) {
      await stop(helper);
      return `its helper "${helperCommand}" did not start:\n${helper.output()}`;
    }
  }
  try {
    // `as`: what is run for a README line whose first part already ran (npm ci, just before).
    const actual = rule.as ?? command;
    if (rule.quick) {
      const run = start(actual, cwd);
      const timer = setTimeout(() => void stop(run), timeoutMs);
      const code = await run.exited;
      clearTimeout(timer);
      return code === 0 ? null : `exited with ${code}:\n${run.output()}`;
    }
    const run = start(actual.replace(/\s*&$/, ""), cwd);
    const ok = await answers(rule.serve, Date.now() + timeoutMs, run);
    await stop(run);
    return ok ? null : `no answer at ${rule.serve}:\n${run.output()}`;
  } finally {
    if (helper) await stop(helper);
  }
}

const failures = [];
let ran = 0;
let skipped = 0;
const seen = new Set();
for (const file of READMES) {
  for (const command of commandsOf(file)) {
    seen.add(command);
    const rule = plan[command];
    if (rule === undefined) {
      failures.push(`${file}: "${command}" is not in scripts/readme/commands.json`);
      continue;
    }
    if (only.length > 0 && !only.some((word) => command.includes(word))) continue;
    if (rule.skip) {
      skipped += 1;
      process.stdout.write(`- ${command}  (not run: ${rule.skip})\n`);
      continue;
    }
    const began = Date.now();
    const failure = await runOne(command, rule);
    ran += 1;
    const took = `${Math.round((Date.now() - began) / 1000)} s`;
    if (failure)
      failures.push(`${file}: ${command}\n  ${failure.trim().split("\n").slice(-30).join("\n  ")}`);
    process.stdout.write(`${failure ? "✗" : "✓"} ${command}  (${took})\n`);
  }
}
for (const command of Object.keys(plan)) {
  if (!command.startsWith("$") && !seen.has(command)) {
    failures.push(`commands.json names "${command}", which no README has any more`);
  }
}
rmSync(sandbox, { recursive: true, force: true });
if (failures.length > 0) {
  process.stderr.write(`\n${failures.join("\n\n")}\n`);
}
process.stdout.write(
  `README commands: ${ran} ran, ${skipped} not run, ${failures.length} failed\n`,
);
process.exit(failures.length > 0 ? 1 : 0);
