import { execFile } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

const run = promisify(execFile);
const bin = join(import.meta.dirname, "..", "bin", "ligdicash-emulator.js");

describe("the ligdicash-emulator command", () => {
  it("runs the built command line", async () => {
    const { stdout } = await run(process.execPath, [bin, "--help"]);
    expect(stdout).toContain("--port");
  });

  it("says how to build it when the package is not built (a fresh clone)", async () => {
    const copy = mkdtempSync(join(tmpdir(), "emulator-unbuilt-"));
    try {
      mkdirSync(join(copy, "bin"));
      cpSync(bin, join(copy, "bin", "ligdicash-emulator.js"));
      const failure = run(process.execPath, [join(copy, "bin", "ligdicash-emulator.js")]);
      await expect(failure).rejects.toMatchObject({
        code: 1,
        stderr: expect.stringContaining(
          "npx turbo run build --filter=@ligdicash-kit/emulator",
        ) as unknown,
      });
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  });
});
