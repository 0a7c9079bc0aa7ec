import { describe, expect, it } from 'vitest';
import { renderFitted, type Column } from '../../../src/ui/tables.js';
import { displayWidth, stripAnsi } from '../../../src/ui/width.js';

const widest = (text: string) => Math.max(...stripAnsi(text).split('\n').map(displayWidth));
const COLUMNS: Column[] = [
  { head: 'proto' },
  { head: 'address', min: 8 },
  { head: 'port' },
  { head: 'scope', min: 8 },
  { head: 'pid', drop: 2 },
  { head: 'user', drop: 1 },
];
const ROWS = [
  ['tcp', '2001:db8:ffff:1234:5678:9abc:def0:1', 2525, 'all interfaces (IPv4+IPv6)', 16031, 'postfix'],
  ['udp', '127.0.0.1', 53, 'loopback only', 1, 'root'],
];

describe('renderFitted', () => {
  it('uses the width the content needs when there is room, cutting and dropping nothing', () => {
    const out = stripAnsi(renderFitted(COLUMNS, ROWS, { width: 200 }));
    expect(out).toContain('2001:db8:ffff:1234:5678:9abc:def0:1');
    expect(out).toContain('all interfaces (IPv4+IPv6)');
    expect(out).toContain('postfix');
    expect(widest(out)).toBeLessThan(200);
  });

  it('leaves out the lowest-ranked columns first when that is enough', () => {
    const full = widest(renderFitted(COLUMNS, ROWS, { width: 200 }));
    const out = stripAnsi(renderFitted(COLUMNS, ROWS, { width: full - 5 }));
    expect(out).not.toContain('postfix');
    expect(out).toContain('16031');
    expect(out).toContain('all interfaces (IPv4+IPv6)');
  });

  it('then cuts the widest cut-able cells with …, keeping every other column whole', () => {
    const out = stripAnsi(renderFitted(COLUMNS, ROWS, { width: 60 }));
    expect(widest(out)).toBeLessThanOrEqual(60);
    expect(out).toContain('…');
    expect(out).toContain('2525');
    expect(out).toContain('udp');
    expect(out).not.toContain('16031');
  });

  it('stacks each row as head/value lines when even cutting cannot fit', () => {
    const out = stripAnsi(renderFitted(COLUMNS, ROWS, { width: 30 }));
    expect(widest(out)).toBeLessThanOrEqual(30);
    expect(out).toMatch(/^port +2525$/m);
    expect(out).toMatch(/^user +root$/m);
  });

  it('measures Japanese heads and cells as two columns each', () => {
    const cols: Column[] = [{ head: 'プロトコル' }, { head: '到達範囲', min: 6 }];
    const out = stripAnsi(renderFitted(cols, [['tcp', 'すべてのインターフェース (IPv4+IPv6)']], { width: 30 }));
    expect(widest(out)).toBeLessThanOrEqual(30);
    expect(out).toContain('…');
  });
});
