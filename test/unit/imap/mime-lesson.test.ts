import { readFileSync } from 'node:fs';
import parser from 'imapflow/lib/handler/imap-parser.js';
import { parseBodystructure } from 'imapflow/lib/tools.js';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { bodyStructureOf, parseMessage, sectionOf } from '../../../src/protocols/imap/message.js';
import { deriveMime, type MimeOp } from '../../../src/tutor/steps/compute-mime.js';
import { fill } from '../../../src/tutor/placeholders.js';

/**
 * The BODYSTRUCTURE our IMAP server gives for exactly the message the lesson mime sends
 * (lessons/mime.yaml, step "message", with its compute steps' values filled in), read by a
 * real client's parser (imapflow): multipart/mixed > multipart/alternative > text/plain QP +
 * text/html, then an application/json attachment in base64 with its disposition (RFC 3501 7.4.2).
 */
interface Step {
  id: string;
  kind: string;
  op?: string;
  input?: string;
  into?: string;
  body?: string[];
}

function lessonMessage(): Buffer {
  const lesson = parse(readFileSync(new URL('../../../lessons/mime.yaml', import.meta.url), 'utf8')) as { steps: Step[] };
  const values = new Map<string, string>();
  for (const s of lesson.steps) if (s.kind === 'compute') values.set(s.into as string, deriveMime(s.op as MimeOp, s.input as string).result);
  const body = lesson.steps.find((s) => s.id === 'message')?.body ?? [];
  const lines = body.flatMap((l) => fill(l, (name) => values.get(name)).split('\n'));
  return Buffer.from(`${lines.join('\r\n')}\r\n`, 'utf8');
}

interface Node {
  type: string;
  part?: string;
  encoding?: string;
  size?: number;
  lineCount?: number;
  parameters?: Record<string, string>;
  disposition?: string;
  dispositionParameters?: Record<string, string>;
  childNodes?: Node[];
}

async function structure(raw: Buffer): Promise<Node> {
  const parsed = await parser(Buffer.from(`* 1 FETCH (BODYSTRUCTURE ${bodyStructureOf(parseMessage(raw), true)})`));
  const items = (parsed.attributes ?? [])[1] as unknown as unknown[];
  return parseBodystructure(items[1] as never) as Node;
}

describe('BODYSTRUCTURE of the lesson mime\'s message', () => {
  it('is the tree the lesson teaches, with part numbers 1, 1.1, 1.2, 2', async () => {
    const root = await structure(lessonMessage());
    expect(root.type).toBe('multipart/mixed');
    expect(root.parameters).toMatchObject({ boundary: 'mixed-b1' });
    const [alternative, attachment] = root.childNodes ?? [];
    expect(root.childNodes).toHaveLength(2);
    expect(alternative).toMatchObject({ type: 'multipart/alternative', part: '1', parameters: { boundary: 'alt-b2' } });
    const [plain, html] = alternative?.childNodes ?? [];
    expect(alternative?.childNodes).toHaveLength(2);
    expect(plain).toMatchObject({ type: 'text/plain', part: '1.1', encoding: 'quoted-printable', parameters: { charset: 'UTF-8' } });
    expect(html).toMatchObject({ type: 'text/html', part: '1.2', encoding: '7bit' });
    expect(attachment).toMatchObject({
      type: 'application/json',
      part: '2',
      encoding: 'base64',
      parameters: { name: 'agenda.json' },
      disposition: 'attachment',
      dispositionParameters: { filename: 'agenda.json' },
    });
  });

  it('counts each part\'s size as the bytes BODY[section] returns (RFC 3501 7.4.2 body-fld-octets)', async () => {
    const raw = lessonMessage();
    const view = parseMessage(raw);
    const root = await structure(raw);
    const [alternative, attachment] = root.childNodes ?? [];
    const [plain, html] = alternative?.childNodes ?? [];
    for (const [node, part] of [[plain, [1, 1]], [html, [1, 2]], [attachment, [2]]] as const) {
      const octets = sectionOf(view, { part: [...part], text: '', fields: [] });
      expect(node?.size, part.join('.')).toBe(octets?.length);
    }
    // [1.MIME] is the alternative's own header, which the lesson fetches.
    expect(sectionOf(view, { part: [1], text: 'MIME', fields: [] })?.toString()).toBe('Content-Type: multipart/alternative; boundary="alt-b2"\r\n\r\n');
    // The base64 part is the two lines the lesson computed: 76 characters, CRLF, the rest.
    expect(attachment?.size).toBe(76 + 2 + 8);
    // The lesson's laid-out diagram (step structure-laid-out) quotes these very numbers.
    const line = bodyStructureOf(view, true);
    for (const quoted of ['"quoted-printable" 84 1 ', '"7bit" 74 0 ', '"base64" 86 NIL ']) expect(line).toContain(quoted);
    const lesson = readFileSync(new URL('../../../lessons/mime.yaml', import.meta.url), 'utf8');
    for (const quoted of ['"quoted-printable" 84 1 ...)', '"7bit" 74 0 ...)', '"base64" 86 NIL ']) expect(lesson).toContain(quoted);
  });
});
