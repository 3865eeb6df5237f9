// Processes, ports and HTTP for the walkthrough: everything on 127.0.0.1, everything stopped.
import { spawn } from "node:child_process";
import { createServer } from "node:net";

export async function freePort() {
  const server = createServer();
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** A child process (in its own group) whose output is kept, with waits on what it prints. */
export function start(command, args, options) {
  const child = spawn(command, args, {
    ...options,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const out = { stdout: "", stderr: "" };
  const waiters = new Set();
  const notify = () => {
    for (const waiter of waiters) waiter();
  };
  child.stdout.on("data", (chunk) => ((out.stdout += chunk), notify()));
  child.stderr.on("data", (chunk) => ((out.stderr += chunk), notify()));
  const exited = new Promise((resolve) => child.on("exit", (code) => (notify(), resolve(code))));
  let code;
  void exited.then((c) => (code = c));
  return {
    out,
    exited,
    /** Resolves with the first match of `pattern` in stdout+stderr, or null on exit or timeout. */
    waitFor(pattern, timeoutMs = 30_000) {
      return new Promise((resolve) => {
        const check = () => {
          const match = pattern.exec(`${out.stdout}\n${out.stderr}`);
          if (match || code !== undefined) {
            waiters.delete(check);
            clearTimeout(timer);
            resolve(match);
          }
        };
        const timer = setTimeout(() => (waiters.delete(check), resolve(null)), timeoutMs);
        waiters.add(check);
        check();
      });
    },
    async stop() {
      if (code !== undefined) return;
      try {
        process.kill(-child.pid, "SIGTERM");
      } catch {
        return;
      }
      const kill = setTimeout(() => {
        try {
          process.kill(-child.pid, "SIGKILL");
        } catch {
          // gone meanwhile
        }
      }, 5_000);
      await exited;
      clearTimeout(kill);
    },
  };
}

/** Runs a command to its end; rejects with its output when it fails. */
export async function run(command, args, options) {
  const child = start(command, args, options);
  const code = await child.exited;
  if (code !== 0) {
    throw new Error(
      `${command} ${args.join(" ")} exited with ${code}:\n${child.out.stdout}${child.out.stderr}`,
    );
  }
  return child.out;
}

export async function postJson(url, body, headers = {}) {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text.startsWith("{") ? JSON.parse(text) : text };
}
