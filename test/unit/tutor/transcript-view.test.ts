import { describe, expect, it } from 'vitest';
import { isErrorReply, renderLine, renderLines, visible } from '../../../src/ui/transcript-view.js';

// Colours may be on or off in the test environment: compare the text without them.
const plain = (s: string) => s.replace(/\x1b\[[0-9;]*m/g, '');

describe('transcript view', () => {
  it('shows client lines with a visible CRLF when asked, then the explanation', () => {
    const text = plain(renderLine({ direction: 'client', text: 'EHLO laptop', who: 'laptop', explanation: 'EHLO: say hello' }, { lang: 'en', crlf: true }));
    expect(text.split('\n')).toEqual(['laptop C: EHLO laptop\\r\\n', '            EHLO: say hello']);
  });

  it('shows the decoded form (L6) and the session state (L5) with layer badges', () => {
    const text = plain(
      renderLine(
        { direction: 'client', text: 'AUTH PLAIN AGFsaWNlAHg=', decoded: '\\0alice\\0x', explanation: 'AUTH: log in', layer: 'L7' },
        { lang: 'ja', layers: true },
      ),
    );
    expect(text).toContain('L6  デコードすると: \\0alice\\0x');
    expect(text).toContain('L7  AUTH: log in');
    const server = plain(renderLine({ direction: 'server', text: '235 ok', state: 'AUTHENTICATED' }, { lang: 'en', state: true, layers: true }));
    expect(server).toContain('L5  session state: AUTHENTICATED');
  });

  it('never shows the state unless asked, and aligns several connections', () => {
    const text = plain(renderLines([
      { direction: 'server', text: '+OK', who: 'phone', state: 'TRANSACTION' },
      { direction: 'server', text: '* OK', who: 'laptop' },
    ], { lang: 'en' }));
    expect(text.split('\n')).toEqual([' phone S: +OK', 'laptop S: * OK']);
  });

  it.each([
    ['503 5.5.1 Bad sequence', true],
    ['421-closing', true],
    ['250 ok', false],
    ['-ERR no such message', true],
    ['+OK', false],
    ['a1 NO [AUTHENTICATIONFAILED] x', true],
    ['a1 BAD what', true],
    ['* BYE logging out', false],
    ['a1 OK done', false],
  ])('%s is an error reply: %s', (line, err) => {
    expect(isErrorReply(line)).toBe(err);
  });

  it('makes control characters visible so a bare CR or NUL cannot hide', () => {
    expect(visible('a\rb\x00c\td')).toBe('a\\x0db\\x00c\td');
  });
});
