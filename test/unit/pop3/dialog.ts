import { expect } from 'vitest';
import type { Pop3Session } from '../../../src/protocols/pop3/session.js';
import type { Pop3State } from '../../../src/protocols/pop3/types.js';
import { lines, send } from './harness.js';

/**
 * One row of a table-driven dialog: what the client sends, what the server must answer
 * (the first line exactly, a pattern for it, or every line), and optionally the state after.
 */
export type Row = [client: string, reply: string | RegExp | string[], state?: Pop3State];

export async function run(session: Pop3Session, rows: readonly Row[]): Promise<void> {
  for (const [client, reply, state] of rows) {
    const got = lines(await send(session, client));
    if (Array.isArray(reply)) expect(got, client).toEqual(reply);
    else if (typeof reply === 'string') expect(got[0], client).toBe(reply);
    else expect(got[0], client).toMatch(reply);
    if (state) expect(session.state, `state after ${client}`).toBe(state);
  }
}
