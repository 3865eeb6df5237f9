import { EventEmitter } from "node:events";
import { describe, expect, it } from "vitest";
import { runCli } from "../src/cli/main.js";
import type { Emulator } from "../src/index.js";
import { docCreateBody, postCreate } from "./helpers.js";

function io(argv: string[], env: Record<string, string> = {}) {
  const signals = new EventEmitter();
  const output = { out: "", err: "", exitCode: undefined as number | undefined };
  let exited: () => void = () => {};
  const exit = new Promise<void>((resolve) => (exited = resolve));
  return {
    output,
    signals,
    exit,
    io: {
      argv,
      env,
      out: (text: string) => (output.out += text),
      err: (text: string) => (output.err += text),
      signals,
      exit: (code: number) => {
        output.exitCode = code;
        exited();
      },
    },
  };
}

describe("ligdicash-emulator command line", () => {
  it("starts with the given credentials, prints how to use them, and stops on SIGTERM", async () => {
    const run = io(["--port", "0", "--api-key", "K", "--auth-token", "T"]);
    const emulator = (await runCli(run.io)) as Emulator;
    expect(run.output.out).toContain(`LigdiCash emulator listening on ${emulator.url}`);
    expect(run.output.out).toContain(`LIGDICASH_API_URL=${emulator.url}`);
    expect(run.output.out).toContain("LIGDICASH_API_KEY=K");
    expect(run.output.out).toContain("LIGDICASH_AUTH_TOKEN=T");

    const created = await postCreate(emulator, docCreateBody(), {
      Apikey: "K",
      Authorization: "Bearer T",
    });
    expect(created.response_code).toBe("00");
    expect(run.output.out).toMatch(/\[emulator\] invoice \d+ created/);

    run.signals.emit("SIGTERM");
    await run.exit;
    expect(run.output.exitCode).toBe(0);
    await expect(fetch(`${emulator.url}/`)).rejects.toThrow();
  });

  it("stops on SIGINT too, with the defaults from the environment", async () => {
    const run = io([], { LIGDICASH_EMULATOR_PORT: "0", LIGDICASH_API_KEY: "env-key" });
    const emulator = (await runCli(run.io)) as Emulator;
    expect(run.output.out).toContain("LIGDICASH_API_KEY=env-key");
    expect(run.output.out).toContain("LIGDICASH_AUTH_TOKEN=emulator-auth-token");
    run.signals.emit("SIGINT");
    await run.exit;
    await expect(fetch(`${emulator.url}/`)).rejects.toThrow();
  });

  it("prints the usage with --help", async () => {
    const run = io(["--help"]);
    expect(await runCli(run.io)).toBe(0);
    expect(run.output.out).toContain("Usage: ligdicash-emulator");
  });

  it("exits 2 with the usage on a bad argument", async () => {
    const run = io(["--port", "http"]);
    expect(await runCli(run.io)).toBe(2);
    expect(run.output.err).toContain("--port must be a number");
    const unknown = io(["--colour"]);
    expect(await runCli(unknown.io)).toBe(2);
    expect(unknown.output.err).toContain("Usage:");
  });

  it("exits 1 when the port is taken", async () => {
    const first = io(["--port", "0"]);
    const running = (await runCli(first.io)) as Emulator;
    try {
      const port = new URL(running.url).port;
      const second = io(["--port", port]);
      expect(await runCli(second.io)).toBe(1);
      expect(second.output.err).toContain("EADDRINUSE");
    } finally {
      await running.close();
    }
  });
});
