import { describe, expect, it } from 'vitest';
import { displayWidth, truncate } from '../../../src/ui/width.js';
import { terminalWidth, wrap } from '../../../src/ui/wrap.js';

const widths = (text: string) => text.split('\n').map(displayWidth);

describe('displayWidth', () => {
  it('counts East Asian wide characters as two columns and colour codes as none', () => {
    expect(displayWidth('abc')).toBe(3);
    expect(displayWidth('日本語')).toBe(6);
    expect(displayWidth('（：）')).toBe(6);
    expect(displayWidth('\x1b[35mEHLO\x1b[39m')).toBe(4);
    expect(displayWidth('…•↑┌─┐')).toBe(6);
  });

  it('truncates with … and never halves a wide character', () => {
    expect(truncate('abcdefgh', 5)).toBe('abcd…');
    expect(truncate('あいうえお', 6)).toBe('あい…');
    expect(displayWidth(truncate('あいうえお', 6))).toBeLessThanOrEqual(6);
    expect(truncate('short', 10)).toBe('short');
  });
});

describe('wrap', () => {
  it('breaks at spaces and keeps every line within the width', () => {
    const text = 'A sending server takes your mail and delivers it anywhere in the world in its own name, so it asks who you are.';
    const out = wrap(text, { width: 40 });
    expect(Math.max(...widths(out))).toBeLessThanOrEqual(40);
    expect(out.replace(/\n/g, ' ')).toBe(text);
  });

  it('hangs continuation lines under the text after a prefix, and after a bullet', () => {
    const out = wrap('one two three four five six seven eight nine ten eleven twelve', { width: 30, prefix: '» [L6] ' });
    const lines = out.split('\n');
    expect(lines[0]?.startsWith('» [L6] one')).toBe(true);
    for (const l of lines.slice(1)) expect(l).toMatch(/^ {7}\S/);
    const bullet = wrap('  - an item that is long enough to need a second line here', { width: 30 }).split('\n');
    expect(bullet[1]).toMatch(/^ {4}\S/);
  });

  it('never splits a backtick span and shows it without the backticks', () => {
    const text = 'In this lab, `l7lab serve` listens on 2465, 2993 and 2995, and `l7lab practice imap --tls` connects to one.';
    for (const width of [20, 30, 37, 45, 60, 80]) {
      const out = wrap(text, { width, code: (s) => `<${s}>` });
      expect(out).not.toContain('`');
      expect(out).toContain('<l7lab serve>');
      expect(out).toContain('<l7lab practice imap --tls>');
    }
  });

  it('never splits a command given in keep, even inside Japanese text', () => {
    const cmd = 'RCPT TO:<bob@example.com>';
    const en = `Now send ${cmd} before any MAIL FROM to see what the server says about the order of commands.`;
    const ja = `まず MAIL FROM を送らずに ${cmd} を送って、コマンドの順序についてサーバーが何と言うか見てください。`;
    for (const width of [30, 40, 50, 80]) {
      for (const text of [en, ja]) {
        const out = wrap(text, { width, keep: [cmd] });
        expect(out).toContain(cmd);
        expect(Math.max(...widths(out))).toBeLessThanOrEqual(width);
      }
    }
    // Narrower than the command itself: it stands alone on its line, whole, rather than split.
    expect(wrap(en, { width: 22, keep: [cmd] }).split('\n')).toContain(cmd);
  });

  it('breaks Japanese between wide characters within the width, honouring kinsoku', () => {
    const text =
      '送信サーバーは、受け取ったメールを自分の名前で世界中のどこへでも届けます。接続してきた誰のためにでもそうしていたら、スパムの送り手にただで使われてしまいます。これを「オープンリレー」と呼びます（RFC 2505）。';
    for (const width of [20, 31, 40, 57, 80]) {
      const out = wrap(text, { width });
      const lines = out.split('\n');
      expect(Math.max(...widths(out))).toBeLessThanOrEqual(width);
      expect(lines.join('').replace(/ /g, '')).toBe(text.replace(/ /g, ''));
      for (const l of lines.slice(1)) expect(l[0]).not.toMatch(/[。、）」]/);
      for (const l of lines.slice(0, -1)) expect(l[l.length - 1]).not.toMatch(/[（「]/);
    }
  });

  it('keeps a Latin word inside Japanese whole, and a word that mixes wide and narrow characters', () => {
    const out = wrap('これはとても長い日本語の文章で、途中に CRAM-MD5 という単語があります。', { width: 24 });
    expect(out).toContain('CRAM-MD5');
    for (let width = 30; width <= 80; width++) {
      const mixed = wrap('SMTPUTF8: アドレスやヘッダーに UTF-8 を使えます（例: 太郎@example.jp、RFC 6531）', { width, prefix: ' '.repeat(17) });
      expect(mixed).toMatch(/太郎@example\.jp/);
    }
  });

  it('may break between Japanese punctuation and a Latin word (、 then IMAP), as Japanese line breaking allows', () => {
    const lines = wrap(`${'あ'.repeat(9)}、IMAP を使います`, { width: 20 }).split('\n');
    expect(lines[0]).toBe(`${'あ'.repeat(9)}、`);
    expect(lines[1]).toBe('IMAP を使います');
  });

  it('keeps separate paragraphs and applies the style to the text, not the prefix', () => {
    const out = wrap('first\n\nsecond', { width: 40, prefix: '> ', style: (s) => s.toUpperCase() });
    expect(out).toBe('> FIRST\n\n  SECOND');
  });

  it('uses 80 columns when not a terminal and the real width when it is', () => {
    expect(terminalWidth({ isTTY: false, columns: 120 })).toBe(80);
    expect(terminalWidth({ isTTY: true, columns: 120 })).toBe(120);
    expect(terminalWidth({})).toBe(80);
  });
});
