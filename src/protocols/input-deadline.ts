/**
 * Step.inputDeadlineMs: a timer armed by the next byte of input (or at once), which later bytes
 * do not reset, unlike the socket's idle timer. One timer is kept while its duration stays the
 * same and re-armed with refresh(): HTTP sets the same head deadline after every response, and
 * SMTP's command-line deadline is off during each command's handling and on again after it; a new
 * timer per request or per line is what a kept-alive connection would otherwise pay (a Timeout
 * and its closure per command line, issue 19). A disarmed timer may still fire; it then does
 * nothing. stop() clears it for good when the connection ends.
 */
export class InputDeadline {
  private ms: number | null = null;
  private timer: NodeJS.Timeout | null = null;
  /** The duration `timer` was made with: refresh() re-arms it with that one. */
  private timerMs: number | null = null;
  /** The timer counts toward `fire` now. */
  private armed = false;

  constructor(private readonly fire: () => void) {}

  /** A new deadline (null: none); `now` arms it at once because input is already waiting. */
  set(ms: number | null, now: boolean): void {
    this.armed = false;
    this.ms = ms;
    if (now) this.input();
  }

  /** Input arrived: the first byte after set() starts the clock. */
  input(): void {
    if (this.ms === null || this.armed) return;
    this.armed = true;
    if (this.timer && this.timerMs === this.ms) {
      this.timer.refresh();
      return;
    }
    if (this.timer) clearTimeout(this.timer);
    this.timerMs = this.ms;
    this.timer = setTimeout(() => this.expire(), this.ms);
    this.timer.unref();
  }

  /** No deadline any more and no timer left behind (the connection is over). */
  stop(): void {
    this.set(null, false);
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.timerMs = null;
  }

  private expire(): void {
    if (!this.armed) return;
    // Spent: later input arms nothing until the next set().
    this.armed = false;
    this.ms = null;
    this.fire();
  }
}
