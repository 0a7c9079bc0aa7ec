import { fill, pick, type Lang, type Localized } from '../../../i18n.js';
import type { CommandKnowledge, ReplyKnowledge, TermKnowledge } from '../../knowledge.js';
import type { KnowledgeRef } from '../../transcript.js';
import { REASONS } from './reasons.js';
import { firstSentence, gap, own, param } from '../../knowledge-text.js';

/**
 * HTTP knowledge keys (notes/http-keys.md; keys.ts turns a line into one) in the reader's
 * language. Pure: the tables come in, a function from key to text goes out.
 */
export interface HttpTables {
  methods: ReadonlyMap<string, CommandKnowledge>;
  /** Status codes and the classes `1xx`..`5xx`. */
  statuses: ReadonlyMap<string, ReplyKnowledge>;
  /** Header fields, keyed lower-case. */
  fields: ReadonlyMap<string, TermKnowledge>;
}

const T = {
  request: {
    en: 'Request line (RFC 9112 3): the method {method}, the target in {form}, the version {version}.',
    ja: 'リクエスト行です（RFC 9112 3）。メソッドは {method}、ターゲットは {form}、バージョンは {version} です。',
  },
  http10: {
    en: 'HTTP/1.0: the connection closes after the response unless both sides ask for keep-alive.',
    ja: 'HTTP/1.0 では、双方が keep-alive を求めない限り、レスポンスの後で接続が閉じられます。',
  },
  unknownField: {
    en: 'Header field {name}: a name, a colon and a value (RFC 9112 5); l7lab\'s table does not describe this field.',
    ja: 'ヘッダーフィールド {name} です。名前、コロン、値の順に書きます（RFC 9112 5）。このフィールドは l7lab の表に載っていません。',
  },
  endOfHead: {
    en: 'The empty line: the header section ends here (RFC 9112 2.1). A body follows only if Content-Length or Transfer-Encoding announced one.',
    ja: '空行です。ここでヘッダー部分が終わります（RFC 9112 2.1）。ボディが続くのは、Content-Length か Transfer-Encoding で予告されたときだけです。',
  },
  body: {
    en: 'The body: {bytes} bytes, framed as the header section said (RFC 9112 6).',
    ja: 'ボディです。{bytes} バイトで、ヘッダー部分で示されたとおりに区切られています（RFC 9112 6）。',
  },
  chunkSize: {
    en: 'Chunk size (chunked coding, RFC 9112 7.1): {hex} in hexadecimal, so {size} bytes of data follow, then CRLF.',
    ja: 'チャンクのサイズです（chunked 転送コーディング、RFC 9112 7.1）。16 進数で {hex}、つまり {size} バイトのデータが続き、その後に CRLF が来ます。',
  },
  lastChunk: {
    en: 'The last chunk, of size 0: the body is complete. Trailer fields may follow, then an empty line (RFC 9112 7.1).',
    ja: 'サイズ 0 の最後のチャンクです。ボディはここで完結しています。この後にトレーラーフィールド、続いて空行が来ることがあります（RFC 9112 7.1）。',
  },
  trailer: {
    en: 'Trailer field {name}, sent after the body (RFC 9112 7.1.2).',
    ja: 'ボディの後に送られるトレーラーフィールド {name} です（RFC 9112 7.1.2）。',
  },
  badLine: {
    en: 'The server refuses this line.',
    ja: 'サーバーはこの行を受け付けません。',
  },
  unknownStatus: {
    en: '{code}: a status code l7lab\'s table does not list.',
    ja: '{code}: l7lab の表に載っていないステータスコードです。',
  },
  bareLf: {
    en: 'This line ended in a bare LF, not CRLF: accepted (RFC 9112 2.2), though a sender should send CRLF.',
    ja: 'この行は CRLF ではなく LF だけで終わっています。受け付けられます（RFC 9112 2.2）が、送り手は CRLF を送るべきです。',
  },
} satisfies Record<string, Localized>;

/** The request-target's four forms (RFC 9112 3.2.1-3.2.4). */
const FORMS: Readonly<Record<string, Localized>> = {
  origin: { en: 'origin-form (a path and query; the host is in Host)', ja: 'origin-form（パスとクエリ。ホストは Host で伝えます）' },
  absolute: { en: 'absolute-form (a whole URI, as sent to a proxy; its host overrides Host)', ja: 'absolute-form（URI 全体。プロキシーに送る形で、URI のホストが Host より優先されます）' },
  asterisk: { en: 'asterisk-form (*: the server as a whole, for OPTIONS only)', ja: 'asterisk-form（* はサーバー全体を表し、OPTIONS でだけ使います）' },
  authority: { en: 'authority-form (host:port, for CONNECT only)', ja: 'authority-form（ホスト:ポート。CONNECT でだけ使います）' },
};

const reasonText = (key: string): Localized | undefined => own<Localized>(REASONS, key);

const str = param;

/** A chunk-size param: a number is the size in bytes, a string the hex digits as sent. */
function chunkSize(ref: KnowledgeRef): { hex: string; size: number } {
  const v = ref.params?.size;
  if (typeof v === 'number') return { hex: v.toString(16), size: v };
  const hex = String(v ?? '0').trim();
  return { hex, size: Number.parseInt(hex, 16) || 0 };
}

/** A field name as usually written (`x-done` -> `X-Done`): keys carry names in lower case, and case does not matter (RFC 9110 5.1). */
function displayName(name: string): string {
  return name.replace(/(^|-)([a-z])/g, (_, dash: string, c: string) => dash + c.toUpperCase());
}

export function httpDescriber(tables: HttpTables): (ref: KnowledgeRef, lang: Lang) => string | null {
  const field = (name: string): TermKnowledge | undefined => tables.fields.get(name.toLowerCase());
  const fieldText = (name: string, lang: Lang): string => {
    const f = field(name);
    return f ? `${f.name}: ${pick(f.meaning, lang)}` : fill(pick(T.unknownField, lang), { name: displayName(name) });
  };
  const reason = (ref: KnowledgeRef, lang: Lang): string => {
    const r = reasonText(str(ref, 'reason'));
    return r ? `${gap(lang)}${pick(r, lang)}` : '';
  };
  const status = (ref: KnowledgeRef, lang: Lang): string => {
    const code = str(ref, 'code');
    const known = tables.statuses.get(code);
    const cls = /^[1-5]\d\d$/.test(code) ? tables.statuses.get(`${code[0]}xx`) : undefined;
    const text = known ? `${code} ${pick(known.meaning, lang)}` : cls ? `${code}: ${pick(cls.meaning, lang)}` : fill(pick(T.unknownStatus, lang), { code });
    return text + reason(ref, lang);
  };
  const request = (ref: KnowledgeRef, lang: Lang): string => {
    const method = str(ref, 'method');
    const form = own(FORMS, str(ref, 'form'));
    const version = str(ref, 'version');
    let text = fill(pick(T.request, lang), { method, form: form ? pick(form, lang) : str(ref, 'form'), version });
    const m = tables.methods.get(method);
    if (m) text += `${gap(lang)}${method}: ${firstSentence(pick(m.summary, lang))}`;
    if (version === 'HTTP/1.0') text += `${gap(lang)}${pick(T.http10, lang)}`;
    return text;
  };
  const base = (ref: KnowledgeRef, lang: Lang): string | null => {
    switch (ref.key) {
      case 'request':
        return request(ref, lang);
      case 'status':
        return status(ref, lang);
      case 'header':
        return fieldText(str(ref, 'name'), lang);
      case 'trailer': {
        const name = field(str(ref, 'name'))?.name ?? displayName(str(ref, 'name'));
        const f = field(name);
        return fill(pick(T.trailer, lang), { name }) + (f ? `${gap(lang)}${pick(f.meaning, lang)}` : '');
      }
      case 'end-of-head':
        return pick(T.endOfHead, lang);
      case 'body':
        return fill(pick(T.body, lang), { bytes: str(ref, 'bytes') || '0' });
      case 'chunk-size':
        return fill(pick(T.chunkSize, lang), chunkSize(ref));
      case 'last-chunk':
        return pick(T.lastChunk, lang);
      case 'bad-line':
        return pick(T.badLine, lang) + reason(ref, lang);
      default:
        return null;
    }
  };
  return (ref, lang) => {
    const text = base(ref, lang);
    if (text === null) return null;
    return ref.params?.bareLf ? `${text}${gap(lang)}${pick(T.bareLf, lang)}` : text;
  };
}
