import { DEFAULT_API_KEY, DEFAULT_AUTH_TOKEN } from "../options.js";
import { startEmulator } from "../server.js";
import type { Emulator } from "../types.js";
import { parseCli, USAGE } from "./args.js";

export interface CliIo {
  argv: string[];
  env: Record<string, string | undefined>;
  out: (text: string) => void;
  err: (text: string) => void;
  /** Where SIGINT / SIGTERM arrive (the process). */
  signals: { once(signal: NodeJS.Signals, listener: () => void): unknown };
  /** Ends the process once the emulator has closed after a signal. */
  exit: (code: number) => void;
}

/**
 * Runs the command line: starts the emulator, arranges a clean stop on SIGINT / SIGTERM and prints
 * how to use it. Resolves with the running emulator, or with an exit code when there is nothing
 * to run (help, bad arguments, port taken).
 */
export async function runCli(io: CliIo): Promise<Emulator | number> {
  let command;
  try {
    command = parseCli(io.argv, io.env);
  } catch (error) {
    io.err(`${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (command.kind === "help") {
    io.out(USAGE);
    return 0;
  }
  const { options } = command;
  let emulator: Emulator;
  try {
    emulator = await startEmulator({ ...options, log: (line) => io.out(`[emulator] ${line}\n`) });
  } catch (error) {
    io.err(`Cannot start the LigdiCash emulator: ${(error as Error).message}\n`);
    return 1;
  }
  // Before the banner, so that the "Ctrl+C" it promises works as soon as it is printed.
  stopOnSignals(emulator, io.signals, io.exit);
  io.out(
    [
      `LigdiCash emulator listening on ${emulator.url}`,
      "",
      "Point your shop at it:",
      `  LIGDICASH_API_URL=${emulator.url}`,
      `  LIGDICASH_API_KEY=${options.apiKey ?? DEFAULT_API_KEY}`,
      `  LIGDICASH_AUTH_TOKEN=${options.authToken ?? DEFAULT_AUTH_TOKEN}`,
      "",
      `Invoices and callbacks: ${emulator.url}/__emulator/invoices, ${emulator.url}/__emulator/callbacks`,
      `Payouts and balances:   ${emulator.url}/__emulator/payouts, ${emulator.url}/__emulator/balances`,
      "Press Ctrl+C to stop.",
      "",
    ].join("\n"),
  );
  return emulator;
}

/** Closes the emulator on SIGINT or SIGTERM, then exits with status 0. */
function stopOnSignals(emulator: Emulator, target: CliIo["signals"], exit: CliIo["exit"]): void {
  const stop = (): void => {
    void emulator.close().then(() => exit(0));
  };
  target.once("SIGINT", stop);
  target.once("SIGTERM", stop);
}
