import { fork, type ChildProcess } from "node:child_process";
import { closeSync, openSync } from "node:fs";
import { join } from "node:path";

/** A child process of the storm that said it is ready, with the URL it serves. */
export interface Child {
  process: ChildProcess;
  pid: number;
  url: string;
  /** Resolves with the time (ms since the epoch) at which the process was seen gone. */
  exited: Promise<number>;
}

export type ChildMessage = { type: string } & Record<string, unknown>;

/**
 * Every process the storm starts. Each is SIGKILLed when the storm ends, fails or times out, and
 * when this process exits; and each child exits by itself when its IPC channel to us closes.
 */
export class Children {
  readonly #alive = new Set<ChildProcess>();
  #disposed = false;
  readonly #onExit = () => this.killAll();

  constructor(private readonly dir: string) {
    process.once("exit", this.#onExit);
  }

  /** Forks `script` with `settings` as argv[2]; resolves once it sends `{ type: "ready", url }`. */
  start(
    name: string,
    script: string,
    settings: unknown,
    onMessage: (message: ChildMessage) => void = () => undefined,
    timeoutMs = 30_000,
  ): Promise<Child> {
    // Work still under way when the storm ended (a restart after the kill) starts nothing more.
    if (this.#disposed) return Promise.reject(new Error(`the storm is over: ${name} not started`));
    // Output goes to a file per process: no pipe to drain, and it is there to read after a failure.
    const out = openSync(join(this.dir, `${name}.out`), "a");
    const child = fork(script, [JSON.stringify(settings)], { stdio: ["ignore", out, out, "ipc"] });
    closeSync(out);
    this.#alive.add(child);
    const exited = new Promise<number>((resolve) =>
      child.once("exit", () => {
        this.#alive.delete(child);
        resolve(Date.now());
      }),
    );
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        child.kill("SIGKILL");
        reject(new Error(`${name} was not ready within ${timeoutMs} ms (see ${name}.out)`));
      }, timeoutMs);
      void exited.then(() => {
        clearTimeout(timer);
        reject(new Error(`${name} exited before it was ready (see ${this.dir}/${name}.out)`));
      });
      child.on("message", (message: ChildMessage) => {
        if (message.type === "ready") {
          clearTimeout(timer);
          resolve({ process: child, pid: child.pid!, url: message.url as string, exited });
        } else onMessage(message);
      });
    });
  }

  /** SIGTERM (a graceful stop), then SIGKILL if it is still there after `graceMs`. */
  async stop(child: Child, graceMs = 15_000): Promise<void> {
    if (child.process.exitCode !== null || child.process.signalCode !== null) return;
    child.process.kill("SIGTERM");
    const timer = setTimeout(() => child.process.kill("SIGKILL"), graceMs);
    await child.exited;
    clearTimeout(timer);
  }

  killAll(): void {
    for (const child of this.#alive) child.kill("SIGKILL");
  }

  /** Kills what is left and stops watching this process's exit. */
  dispose(): void {
    this.#disposed = true;
    this.killAll();
    process.off("exit", this.#onExit);
  }
}
