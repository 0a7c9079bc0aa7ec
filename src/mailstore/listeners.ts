import type { StoreChange, StoreListener } from './types.js';

/** Fan-out of store changes; one listener that throws never stops the others or the store. */
export class ChangeEmitter {
  private readonly listeners = new Set<StoreListener>();

  watch(listener: StoreListener): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  get size(): number {
    return this.listeners.size;
  }

  /** How many changes were emitted: a store whose every change passes here can offer it as its revision. */
  get emitted(): number {
    return this.count;
  }

  private count = 0;

  emit(change: StoreChange): void {
    this.count++;
    for (const listener of [...this.listeners]) {
      try {
        listener(change);
      } catch {
        // A listener's fault is its own (e.g. a session writing to a closed socket).
      }
    }
  }

  clear(): void {
    this.listeners.clear();
  }
}

/** POP3 maildrop locks (RFC 1939 4: the maildrop is locked once the client is authenticated), per account, within this process. */
export class MaildropLocks {
  private readonly held = new Set<string>();

  lock(account: string): (() => void) | null {
    if (this.held.has(account)) return null;
    this.held.add(account);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.held.delete(account);
    };
  }
}
