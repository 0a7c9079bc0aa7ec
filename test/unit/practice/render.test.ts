import { describe, expect, it } from 'vitest';
import { renderExchange } from '../../../src/practice/render.js';

const plain = (s: string) => s.replace(/\x1b\[[0-9;]*m/g, '');

describe('rendering an exchange', () => {
  it('explains a listing once, and gives the state after the last line', () => {
    const text = plain(
      renderExchange(
        [
          { direction: 'client', text: 'LIST', explanation: 'scan listing' },
          { direction: 'server', text: '+OK', explanation: 'follows' },
          { direction: 'server', text: '1 10', explanation: 'size' },
          { direction: 'server', text: '2 20', explanation: 'size' },
          { direction: 'server', text: '.', explanation: 'end' },
        ],
        'TRANSACTION',
        { lang: 'en', raw: false },
      ),
    );
    expect(text.match(/size/g)).toHaveLength(1);
    expect(text.trim().split('\n').pop()).toMatch(/session state: TRANSACTION$/);
    expect(text.match(/session state/g)).toHaveLength(1);
  });

  it('raw view: the terminator that was on the wire and the size in bytes', () => {
    const text = plain(
      renderExchange(
        [
          { direction: 'client', text: 'NOOP', explanation: null, bytes: Buffer.from('NOOP\r\n') },
          { direction: 'server', text: '+OK', explanation: null, bytes: Buffer.from('+OK\n') },
        ],
        null,
        { lang: 'ja', raw: true },
      ),
    );
    expect(text).toContain('C: NOOP\\r\\n  6 バイト');
    expect(text).toContain('S: +OK\\n  4 バイト');
  });
});
