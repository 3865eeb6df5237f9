import { readFileSync } from "node:fs";
import { expect, it } from "vitest";
import { HOSTILE_REQUESTS } from "./hostile-requests.js";

// The hostile requests every adapter is sent (test/adapters/hostile.ts) are the ones the security
// page lists, in its order.
it("docs/security.md lists every hostile request the test runs", () => {
  const doc = readFileSync(new URL("../../../docs/security.md", import.meta.url), "utf8");
  const listed = [...doc.matchAll(/^\| `([\w-]+)`\s+\|/gm)].map((match) => match[1]);
  expect(listed).toEqual(HOSTILE_REQUESTS.map((row) => row.id));
  expect(listed.length).toBeGreaterThanOrEqual(30);
});
