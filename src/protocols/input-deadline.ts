/**
 * Step.inputDeadlineMs: a timer armed by the next byte of input (or at once), which later bytes
 * do not reset, unlike the socket's idle timer. One timer is kept while the duration stays the
 * same and re-armed with refresh(): HTTP sets the same head deadline after every response, and a
 * new timer per request is what a kept-alive connection would otherwise pay. A disarmed timer may
 * still fire; it then does nothing.
 */
export class InputDeadline {
  private ms: number | null = null;
  private timer: NodeJS.Timeout | null = null;
  /** The timer counts toward `fire` now. */
  private armed = false;

  constructor(private readonly fire: () => void) {}

  /** A new deadline (null: none); `now` arms it at once because input is already waiting. */
  set(ms: number | null, now: boolean): void {
    this.armed = false;
    if (ms !== this.ms) {
      if (this.timer) clearTimeout(this.timer);
      this.timer = null;
      this.ms = ms;
    }
    if (now) this.input();
  }

  /** Input arrived: the first byte after set() starts the clock. */
  input(): void {
    if (this.ms === null || this.armed) return;
    this.armed = true;
    if (this.timer) {
      this.timer.refresh();
      return;
    }
    this.timer = setTimeout(() => this.expire(), this.ms);
    this.timer.unref();
  }

  private expire(): void {
    if (!this.armed) return;
    // Spent: later input arms nothing until the next set().
    this.armed = false;
    this.ms = null;
    this.timer = null;
    this.fire();
  }
}
