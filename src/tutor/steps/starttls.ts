import type { Localized } from '../../i18n.js';
import { starttlsOf, type Protocol } from '../../protocol.js';
import { tlsNote } from '../../conversation/tls-note.js';
import { mismatch, out, type LessonContext } from '../context.js';
import { labPair } from '../labs.js';
import type { StepOf } from '../schema.js';
import { runSend } from './send.js';

/**
 * `starttls`: the learner types the upgrade on an open connection (RFC 3207 4 STARTTLS,
 * RFC 2595 4 STLS, RFC 3501 6.2.1 tagged STARTTLS). It runs as a send step, so a wrong
 * command gets the server's real reply and the same retry / hint / answer / skip choices;
 * the connection is armed so that the typed upgrade command, once the server gives the
 * go-ahead, is followed by the TLS handshake (trusting only the lab certificate). Later
 * lines on the connection are marked [TLS].
 */
type StarttlsStep = StepOf<'starttls'>;

interface Upgrade {
  command: string;
  accept: string;
  ok: string;
  hint: Localized;
}

/** What the step says when the lesson gives no text of its own. */
function defaultText(command: string): Localized {
  return { en: `Switch this connection to TLS: type \`${command}\`.`, ja: `この接続を TLS に切り替えます。\`${command}\` と入力してください。` };
}

/** How the learner gets the upgrade command right (RFC 3207 4, RFC 2595 4, RFC 3501 6.2.1). */
const HINTS: Record<Protocol, Localized> = {
  smtp: { en: 'Type `STARTTLS` alone, with no argument (RFC 3207 4).', ja: '引数なしで `STARTTLS` とだけ入力します（RFC 3207 4）。' },
  pop3: { en: 'In POP3 the command is `STLS`, alone (RFC 2595 4).', ja: 'POP3 でのコマンドは `STLS` で、引数はありません（RFC 2595 4）。' },
  imap: { en: 'A tag, a space, then STARTTLS: `a1 STARTTLS` (RFC 3501 6.2.1).', ja: 'タグ、空白、STARTTLS の順です: `a1 STARTTLS`（RFC 3501 6.2.1）。' },
  http: { en: 'HTTP has no upgrade command: HTTPS is TLS from the first byte on its own port (RFC 9110 4.2.2).', ja: 'HTTP にはアップグレードのコマンドがありません。HTTPS は専用のポートで最初のバイトから TLS です（RFC 9110 4.2.2）。' },
  dns: { en: 'DNS has no upgrade command: DNS over TLS is its own port, 853 (RFC 7858 3.1).', ja: 'DNS にはアップグレードのコマンドがありません。DNS over TLS は専用のポート 853 を使います（RFC 7858 3.1）。' },
};

/** The upgrade as the learner types it, from the one STARTTLS table (src/protocol.ts). */
function upgradeOf(protocol: Protocol): Upgrade {
  const { verb, ok, tagged } = starttlsOf(protocol);
  return { command: tagged ? `a1 ${verb}` : verb, accept: tagged ? `^\\S+\\s+${verb}$` : `^${verb}$`, ok, hint: HINTS[protocol] };
}

export async function runStarttls(ctx: LessonContext, step: StarttlsStep): Promise<void> {
  const conn = ctx.connections.get(step.connection);
  if (!conn) throw new Error(`connection ${step.connection} is not open`);
  const up = upgradeOf(conn.protocol);
  const host = conn.lab.lab.endpoints[conn.protocol]?.host ?? '127.0.0.1';
  conn.client.upgradeOnGoAhead({ mode: 'starttls', ca: [(await labPair()).cert] }, host);
  const asSend: StepOf<'send'> = {
    kind: 'send',
    id: step.id,
    connection: step.connection,
    text: step.text ?? defaultText(up.command),
    command: up.command,
    accept: up.accept,
    expect: up.ok,
    hint: up.hint,
    explain: step.explain,
    layer: 'L6',
    continues: false,
  };
  try {
    await runSend(ctx, asSend);
  } finally {
    conn.client.cancelUpgrade();
  }
  const now = ctx.connections.get(step.connection)?.client;
  if (now?.tls) {
    if (!ctx.quiet) out(ctx, tlsNote(now.tls, ctx.lang));
  } else if (!ctx.mismatches.some((m) => m.step === step.id)) {
    mismatch(ctx, step.id, 'TLS', 'the connection is still in clear text');
  }
}
