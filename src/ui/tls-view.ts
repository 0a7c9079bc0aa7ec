import type { Lang } from '../i18n.js';
import type { TlsEvent } from '../protocols/transcript.js';
import { theme } from './theme.js';

/**
 * The TLS handshake as one step of the transcript: protocol version, cipher and the
 * certificate the server showed, and that from here on the lines are encrypted on the
 * wire (marked [TLS]). Bytes the client pipelined behind STARTTLS are said to be discarded.
 */
export function renderTlsHandshake(event: TlsEvent, lang: Lang): string {
  const how =
    event.mode === 'implicit'
      ? { en: 'TLS from the first byte (implicit TLS port)', ja: '最初のバイトから TLS（暗黙の TLS ポート）' }
      : { en: 'TLS handshake after the upgrade command', ja: 'アップグレードのコマンドの後で TLS ハンドシェイク' };
  const head = `${theme.dim(event.session)} ${theme.ok(`== ${how[lang]}: ${event.version}, ${event.cipher}`)}`;
  const cert = lang === 'ja' ? `証明書: ${event.subject || '(なし)'}` : `certificate: ${event.subject || '(none)'}`;
  const after =
    lang === 'ja'
      ? 'ここから先の行は暗号化されて流れます（[TLS] の印）。経路上の誰にも読めません。'
      : 'From here on every line is encrypted on the wire (marked [TLS]): nobody on the path can read it.';
  const lines = [head, `     ${theme.dim(cert)}`, `     ${theme.explanation(after)}`];
  if (event.discarded > 0) {
    lines.push(
      `     ${theme.warn(
        lang === 'ja'
          ? `STARTTLS の後に平文で続けて送られた ${event.discarded} オクテットは実行せずに捨てました（RFC 3207 4.2）。`
          : `${event.discarded} octets the client sent in cleartext right after the upgrade command were discarded unread (RFC 3207 4.2).`,
      )}`,
    );
  }
  return lines.join('\n');
}
