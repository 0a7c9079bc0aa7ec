import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { InputDeadline } from '../../../src/protocols/input-deadline.js';

/** Step.inputDeadlineMs's timer (HTTP's slow-header guard), on a fake clock: one timer re-armed, never a stale firing. */
describe('InputDeadline', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('starts with the first byte after set(), and later bytes do not push it back', () => {
    const fire = vi.fn();
    const d = new InputDeadline(fire);
    d.set(100, false);
    vi.advanceTimersByTime(500);
    expect(fire).not.toHaveBeenCalled();
    d.input();
    vi.advanceTimersByTime(60);
    d.input();
    vi.advanceTimersByTime(39);
    expect(fire).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(fire).toHaveBeenCalledTimes(1);
    // Spent: more input arms nothing until the next set().
    d.input();
    vi.advanceTimersByTime(1000);
    expect(fire).toHaveBeenCalledTimes(1);
  });

  it('the same deadline set again (the next request) counts from the next byte, not from the old one', () => {
    const fire = vi.fn();
    const d = new InputDeadline(fire);
    d.set(100, false);
    d.input();
    vi.advanceTimersByTime(90);
    d.set(100, false); // answered: the next head's clock waits for its first byte
    vi.advanceTimersByTime(50);
    expect(fire).not.toHaveBeenCalled();
    d.input();
    vi.advanceTimersByTime(99);
    expect(fire).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(fire).toHaveBeenCalledTimes(1);
  });

  it('off (null) and on again with the same duration, as around each SMTP command, counts from the next byte only', () => {
    const fire = vi.fn();
    const d = new InputDeadline(fire);
    for (let i = 0; i < 3; i++) {
      d.set(100, false);
      d.input();
      vi.advanceTimersByTime(80);
      d.set(null, false); // the line is whole
      vi.advanceTimersByTime(10);
    }
    expect(fire).not.toHaveBeenCalled();
    d.set(100, false);
    vi.advanceTimersByTime(500);
    d.input();
    vi.advanceTimersByTime(99);
    expect(fire).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(fire).toHaveBeenCalledTimes(1);
    // Spent, then set again: the same timer serves the next deadline.
    d.set(100, true);
    vi.advanceTimersByTime(100);
    expect(fire).toHaveBeenCalledTimes(2);
  });

  it('stop() leaves no timer behind, even an armed one', () => {
    const fire = vi.fn();
    const d = new InputDeadline(fire);
    d.set(100, true);
    d.stop();
    expect(vi.getTimerCount()).toBe(0);
    d.input();
    vi.advanceTimersByTime(1000);
    expect(fire).not.toHaveBeenCalled();
  });

  it('null disarms it, and now=true arms it at once', () => {
    const fire = vi.fn();
    const d = new InputDeadline(fire);
    d.set(100, true);
    vi.advanceTimersByTime(50);
    d.set(null, false);
    d.input();
    vi.advanceTimersByTime(1000);
    expect(fire).not.toHaveBeenCalled();
    d.set(30, true);
    vi.advanceTimersByTime(30);
    expect(fire).toHaveBeenCalledTimes(1);
  });
});
