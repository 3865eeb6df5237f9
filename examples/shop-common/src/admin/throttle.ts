/**
 * Wrong admin passwords, counted per client (its address, as the framework reads it behind the
 * proxies it is told to trust): after `limit` of them within `windowMs`, that client's logins are
 * refused unread until the oldest is `windowMs` old. Others log in as usual, so one guesser
 * cannot lock the shop owner out. A right password clears the client's count. Kept per process,
 * for at most `maxClients` clients (the least recent is forgotten first).
 */
export class LoginThrottle {
  readonly #failures = new Map<string, number[]>();

  constructor(
    readonly limit = 5,
    readonly windowMs = 15 * 60_000,
    readonly maxClients = 10_000,
  ) {}

  /** Milliseconds before `client` may try again; 0 when it may try now. */
  wait(client: string, now = Date.now()): number {
    const recent = this.#recent(client, now);
    return recent.length < this.limit ? 0 : recent[0]! + this.windowMs - now;
  }

  /** Counts a wrong password; true when it is the one that locks the client out. */
  failed(client: string, now = Date.now()): boolean {
    const recent = [...this.#recent(client, now), now];
    // Moved to the end: the map's first key is always the least recent client.
    this.#failures.delete(client);
    this.#failures.set(client, recent);
    if (this.#failures.size > this.maxClients) {
      this.#failures.delete(this.#failures.keys().next().value!);
    }
    return recent.length === this.limit;
  }

  /** A right password: the client starts afresh. */
  succeeded(client: string): void {
    this.#failures.delete(client);
  }

  #recent(client: string, now: number): number[] {
    return (this.#failures.get(client) ?? []).filter((at) => at > now - this.windowMs);
  }
}
