import { describe, expect, it } from 'vitest';
import { recipientsCell } from '../../../src/commands/mail-list.js';
import { displayWidth } from '../../../src/ui/width.js';

describe('mail list: the recipients cell', () => {
  const to = 'bob@example.com, +carol@example.com, +secret@example.org';
  const bcc = ['carol@example.com', 'secret@example.org'];

  it('shows every recipient when there is room', () => {
    expect(recipientsCell(to, bcc, 80)).toBe(to);
  });

  it('keeps the count of envelope-only recipients it cuts off, so a Bcc never vanishes at 80 columns', () => {
    const cell = recipientsCell(to, bcc, 16);
    expect(cell).toBe('bob@example.c…+2');
    expect(displayWidth(cell)).toBe(16);
    // One of them still shown whole: only the other is counted.
    expect(recipientsCell(to, bcc, 40)).toMatch(/\+carol@example\.com.*…\+1$/);
  });

  it('cuts a plain list with … alone when no envelope-only address is lost', () => {
    expect(recipientsCell('bob@example.com, carol@example.com', [], 16)).toBe('bob@example.com…');
  });
});
