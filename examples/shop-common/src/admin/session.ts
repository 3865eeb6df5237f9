import { createHash, createHmac, scryptSync, timingSafeEqual } from "node:crypto";

const COOKIE = "shop_admin";
const LIFETIME_MS = 12 * 3_600_000;

/**
 * The admin's login: one password (`ADMIN_PASSWORD`), and a session cookie signed with a key
 * derived from it. Every instance of the shop accepts it, a restart keeps it, and changing the
 * password ends every session. The cookie is HttpOnly and SameSite=Strict: scripts cannot read
 * it and other sites cannot send it.
 */
export class AdminSession {
  readonly #password: Buffer;
  readonly #key: Buffer;
  readonly #secure: boolean;

  constructor(password: string, options: { secure: boolean }) {
    this.#password = digest(password);
    // A slow derivation: a leaked cookie must not make the password cheap to guess offline.
    this.#key = scryptSync(password, "shop-admin-session", 32);
    this.#secure = options.secure;
  }

  /** Whether `candidate` is the password, in constant time. */
  accepts(candidate: unknown): boolean {
    return typeof candidate === "string" && timingSafeEqual(digest(candidate), this.#password);
  }

  /** The Set-Cookie header of a new session. */
  open(now = Date.now()): string {
    const expires = now + LIFETIME_MS;
    return this.#cookie(`${expires}.${this.#sign(expires)}`, LIFETIME_MS / 1000);
  }

  /** The Set-Cookie header that ends the session. */
  close(): string {
    return this.#cookie("", 0);
  }

  /** Whether the request's Cookie header holds a valid, unexpired session. */
  valid(cookieHeader: string | undefined, now = Date.now()): boolean {
    const value = readCookie(cookieHeader, COOKIE);
    const [expires, signature] = value?.split(".") ?? [];
    if (!expires || !signature || !/^\d+$/.test(expires) || Number(expires) < now) return false;
    const expected = Buffer.from(this.#sign(Number(expires)));
    const given = Buffer.from(signature);
    return given.length === expected.length && timingSafeEqual(given, expected);
  }

  #sign(expires: number): string {
    return createHmac("sha256", this.#key).update(String(expires)).digest("base64url");
  }

  #cookie(value: string, maxAgeSeconds: number): string {
    const secure = this.#secure ? "; Secure" : "";
    return `${COOKIE}=${value}; Path=/api/admin; HttpOnly; SameSite=Strict; Max-Age=${maxAgeSeconds}${secure}`;
  }
}

function digest(text: string): Buffer {
  return createHash("sha256").update(text).digest();
}

function readCookie(header: string | undefined, name: string): string | undefined {
  for (const part of header?.split(";") ?? []) {
    const [key, ...rest] = part.trim().split("=");
    if (key === name) return rest.join("=");
  }
  return undefined;
}
