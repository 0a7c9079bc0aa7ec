import { readFileSync, readdirSync } from 'node:fs';
import parser from 'imapflow/lib/handler/imap-parser.js';
import { parseBodystructure, parseEnvelope } from 'imapflow/lib/tools.js';
import { describe, expect, it } from 'vitest';
import { ResponseBuilder } from '../../../src/protocols/imap/format.js';
import { bodyStructureOf, envelopeOf, parseMessage } from '../../../src/protocols/imap/message.js';

/**
 * A real client's reading of our ENVELOPE and BODYSTRUCTURE: imapflow's own response
 * parser and its envelope/body-structure decoders, fed our FETCH response and Dovecot's
 * recorded one (test/fixtures/imap/dovecot), must come to the same objects.
 */

const FIXTURES = new URL('../../fixtures/imap/', import.meta.url);

/** What imapflow's stream hands its parser: the lines with `{n}` markers, literals apart. */
function framed(response: Buffer): { payload: Buffer; literals: Buffer[] } {
  const lines: Buffer[] = [];
  const literals: Buffer[] = [];
  let pos = 0;
  for (;;) {
    const crlf = response.indexOf('\r\n', pos);
    const end = crlf < 0 ? response.length : crlf;
    const marker = /\{(\d+)\}$/.exec(response.toString('latin1', pos, end));
    if (!marker || crlf < 0) {
      lines.push(response.subarray(pos, end));
      return { payload: Buffer.concat(lines), literals };
    }
    lines.push(response.subarray(pos, crlf + 2));
    const size = Number(marker[1]);
    literals.push(response.subarray(crlf + 2, crlf + 2 + size));
    pos = crlf + 2 + size;
  }
}

async function readFetch(response: Buffer): Promise<{ envelope: unknown; bodyStructure: unknown }> {
  const { payload, literals } = framed(response);
  const parsed = await parser(payload, { literals });
  const items = (parsed.attributes ?? [])[1] as unknown as Array<{ value?: unknown }>;
  const out: { envelope: unknown; bodyStructure: unknown } = { envelope: undefined, bodyStructure: undefined };
  for (let i = 0; i < items.length; i += 2) {
    const name = (items[i] as { value: string }).value;
    if (name === 'ENVELOPE') out.envelope = parseEnvelope(items[i + 1] as never);
    if (name === 'BODYSTRUCTURE') out.bodyStructure = parseBodystructure(items[i + 1] as never);
  }
  return out;
}

describe('imapflow reads our ENVELOPE and BODYSTRUCTURE as it reads Dovecot\'s', () => {
  const names = readdirSync(FIXTURES).filter((n) => n.endsWith('.eml'));
  for (const name of names) {
    it(name, async () => {
      const recorded = readFileSync(new URL(`dovecot/${name.replace('.eml', '.txt')}`, FIXTURES));
      const first = recorded.subarray(0, recorded.indexOf('\r\n* 1 FETCH'));
      const view = parseMessage(readFileSync(new URL(name, FIXTURES)));
      const ours = new ResponseBuilder()
        .text(`* 1 FETCH (ENVELOPE ${envelopeOf(view)} BODYSTRUCTURE ${bodyStructureOf(view, true)})`)
        .toBuffer();
      const theirs = await readFetch(first);
      expect(theirs.envelope).toBeDefined();
      expect(theirs.bodyStructure).toBeDefined();
      expect(await readFetch(ours)).toEqual(theirs);
    });
  }
});
