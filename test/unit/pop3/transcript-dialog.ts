import { Buffer } from 'node:buffer';
import { plainResponse } from '../../../src/protocols/sasl.js';
import type { ProtocolSession, Step } from '../../../src/protocols/session.js';
import { Dialog } from '../../support/dialog.js';

/**
 * A real POP3 dialog that touches every kind of line the transcript explains: the greeting,
 * +OK after each command (the one-message LIST/UIDL forms, a login), -ERR with and without a
 * response code, listing lines, CAPA lines, the final dot, the SASL "+ " and the client's SASL
 * response, an over-long line, an autologout and a shutdown. explanations.golden.json holds what
 * the transcript showed for each line before the knowledge keys existed (en and ja).
 */
export interface ExplainedLine {
  direction: 'client' | 'server';
  text: string;
  explanation: string | null;
}

export type Sessions = 'plain' | 'second' | 'apop' | 'stls';
export interface DialogPart {
  session: Sessions;
  /** Client lines; `{ timeout }` and `{ shutdown }` ask the session for those steps instead. */
  lines: ReadonlyArray<string | { end: 'timeout' | 'shutdown' }>;
}

export const DIALOG: readonly DialogPart[] = [
  {
    session: 'plain',
    lines: [
      'CAPA', 'USER bob', 'CAPA', 'PASS builder', 'USER bob', 'PASS wrong', 'USER bob', 'PASS builder',
      'STAT', 'LIST', 'LIST 1', 'UIDL', 'UIDL 2', 'RETR 1', 'TOP 1 0', 'DELE 1', 'LIST 1', 'LIST 9', 'STAT 1', 'TOP 2 x',
      'USER bob', 'XYZZY', '', 'CAPA', 'RSET', 'NOOP',
    ],
  },
  { session: 'second', lines: ['AUTH', 'AUTH PLAIN', '*', 'AUTH PLAIN', '!!', `AUTH PLAIN ${plainResponse('bob', 'builder')}`, 'x'.repeat(300), { end: 'timeout' }] },
  { session: 'plain', lines: ['QUIT'] },
  { session: 'apop', lines: ['AUTH CRAM-MD5', 'STAT', 'APOP mrose c4c9334bac560ecc979e58001b3e22fb', 'STAT', { end: 'shutdown' }] },
  { session: 'stls', lines: ['CAPA', 'STLS'] },
];

/** Unique-ids carry the store's UIDVALIDITY (a clock value): the golden file keeps them out. */
function stable(text: string): string {
  return text.replace(/\b\d{6,}\.(\d+)\b/g, 'V.$1');
}

/** Drive the dialog, recording what step-events.ts shows for each line (client text, explanation). */
export async function explainDialog(
  make: (which: Sessions) => ProtocolSession,
  /** The explanation of the step's client line (`line` 'client') or of its out line `line`. */
  explain: (session: ProtocolSession, step: Step, line: number | 'client', text: string) => string | null,
): Promise<ExplainedLine[]> {
  const dialogs = new Map<Sessions, Dialog>();
  const out: ExplainedLine[] = [];
  const record = (d: Dialog, from: number): void => {
    for (const { frame, step } of d.steps.slice(from)) {
      if (frame) {
        const text = step.client?.text ?? (frame.kind === 'line' ? frame.line.toString('latin1') : frame.kind === 'overflow' ? '[line too long, discarded]' : `[${frame.data.length} octets]`);
        out.push({ direction: 'client', text, explanation: explain(d.session, step, 'client', text) });
      }
      step.out.forEach((item, i) => {
        const text = typeof item === 'string' ? item : item.summary;
        out.push({ direction: 'server', text: stable(text), explanation: typeof item === 'string' ? explain(d.session, step, i, text) : null });
      });
    }
  };
  for (const part of DIALOG) {
    let d = dialogs.get(part.session);
    if (!d) {
      d = new Dialog(make(part.session));
      dialogs.set(part.session, d);
      await d.greet();
      record(d, 0);
    }
    for (const line of part.lines) {
      const from = d.steps.length;
      if (typeof line === 'string') await d.send(Buffer.from(`${line}\r\n`, 'latin1'));
      else {
        const step = line.end === 'timeout' ? d.session.timeout() : d.session.shutdown();
        d.steps.push({ frame: null, step });
      }
      record(d, from);
    }
  }
  return out;
}
