import { describe, expect, it } from "vitest";
import { AdminSession } from "./session.js";

describe("AdminSession", () => {
  const session = new AdminSession("s3cret-pass", { secure: false });
  const cookieOf = (setCookie: string) => setCookie.split(";")[0];

  it("accepts the password only", () => {
    expect(session.accepts("s3cret-pass")).toBe(true);
    expect(session.accepts("s3cret-pas")).toBe(false);
    expect(session.accepts(undefined)).toBe(false);
  });

  it("opens an HttpOnly, SameSite=Strict session that it recognises until it expires", () => {
    const setCookie = session.open(1_000);
    expect(setCookie).toMatch(/HttpOnly; SameSite=Strict; Max-Age=43200$/);
    expect(session.valid(`other=1; ${cookieOf(setCookie)}`, 2_000)).toBe(true);
    expect(session.valid(cookieOf(setCookie), 1_000 + 12 * 3_600_000 + 1)).toBe(false);
  });

  it("refuses forged, tampered and other passwords' sessions", () => {
    const cookie = cookieOf(session.open(1_000))!;
    const [, value] = cookie.split("=");
    const [expires, signature] = value!.split(".");
    expect(session.valid(`shop_admin=${Number(expires) + 1}.${signature}`, 2_000)).toBe(false);
    expect(session.valid("shop_admin=99999999999999.abc", 2_000)).toBe(false);
    expect(session.valid(undefined, 2_000)).toBe(false);
    const other = new AdminSession("another", { secure: true });
    expect(other.valid(cookie, 2_000)).toBe(false);
    expect(other.open()).toMatch(/; Secure$/);
  });
});
