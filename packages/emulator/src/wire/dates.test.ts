import { describe, expect, it } from "vitest";
import {
  formatCompactDateTime,
  formatDateTime,
  formatMicroDateTime,
  formatZonedDateTime,
} from "./dates.js";

const date = new Date("2026-04-05T01:09:08.036Z");

describe("LigdiCash date shapes", () => {
  it("writes UTC in each of the shapes LigdiCash uses", () => {
    expect(formatDateTime(date)).toBe("2026-04-05 01:09:08");
    expect(formatZonedDateTime(date)).toBe("2026-04-05 01:09:08+00");
    expect(formatMicroDateTime(date)).toBe("2026-04-05 01:09:08.036000");
    expect(formatCompactDateTime(date)).toBe("20260405010908");
  });
});
