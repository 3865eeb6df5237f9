/**
 * Told that an order's status may have changed: its id, or null when changes may have been missed
 * (notifications were not being received for a while) and every watched order must be read again.
 */
export type ChangeListener = (orderId: string | null) => void;

/**
 * The listeners of one store's change notifications. A listener that throws does not stop the
 * others; after `close()` nothing is added and nothing is called.
 */
export class ChangeListeners {
  readonly #listeners = new Set<ChangeListener>();
  #closed = false;

  get size(): number {
    return this.#listeners.size;
  }

  /** Adds `listener`; the returned function removes it (calling it twice is harmless). */
  add(listener: ChangeListener): () => void {
    if (this.#closed) return () => {};
    // A wrapper, so that the same function added twice is two subscriptions.
    const entry: ChangeListener = (orderId) => listener(orderId);
    this.#listeners.add(entry);
    return () => void this.#listeners.delete(entry);
  }

  emit(orderId: string | null): void {
    for (const listener of [...this.#listeners]) {
      try {
        listener(orderId);
      } catch {
        // A listener's failure is its own: the others must still hear of the change.
      }
    }
  }

  /** Drops every listener and refuses new ones. */
  close(): void {
    this.#closed = true;
    this.#listeners.clear();
  }
}
