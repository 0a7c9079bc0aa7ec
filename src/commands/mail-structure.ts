import { localize, pick, type Lang } from '../i18n.js';
import { formatSize } from '../mailstore/inspect.js';
import { theme } from '../ui/theme.js';
import { displayWidth } from '../ui/width.js';
import { T } from './mail-texts.js';
import { mimeStructure, type StructurePart } from './mime-structure.js';

/**
 * `mail show <id> --structure`: the MIME tree (mime-structure.ts) drawn as a tree within 80
 * columns, or as JSON. Each part: its IMAP number, type and parameters; then its disposition
 * and file name; then its transfer encoding and sizes; notes on what was broken.
 */
export const STRUCTURE_WIDTH = 80;

/** RFC 2045 5.1: a value that is not a token goes in quotes. */
function param(name: string, value: string): string {
  return /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/.test(value) ? `${name}=${value}` : `${name}="${value.replace(/(["\\])/g, '\\$1')}"`;
}

const paramList = (params: Readonly<Record<string, string>>) => Object.entries(params).map(([k, v]) => param(k, v));

/** `word` cut into pieces no wider than `room` columns (a long boundary, a Japanese sentence). */
function pieces(word: string, room: number): string[] {
  const out: string[] = [];
  let piece = '';
  for (const ch of word) {
    if (piece !== '' && displayWidth(piece + ch) > room) {
      out.push(piece);
      piece = '';
    }
    piece += ch;
  }
  return piece === '' ? out : [...out, piece];
}

/**
 * Words joined by `sep`, wrapped to `width` columns with `cont` starting each further line; a
 * word wider than a whole line is cut, so nothing is lost and nothing passes the width.
 */
export function fit(first: string, cont: string, words: readonly string[], width = STRUCTURE_WIDTH, sep = '  '): string[] {
  const lines: string[] = [];
  let line = first;
  let filled = false;
  for (const word of words) {
    const joined = filled ? `${line}${sep}${word}` : `${line}${word}`;
    if (displayWidth(joined) <= width) {
      line = joined;
      filled = true;
      continue;
    }
    if (filled) lines.push(line);
    const lead = filled ? cont : line;
    const cut = pieces(word, Math.max(8, width - displayWidth(lead)));
    cut.slice(0, -1).forEach((p, i) => lines.push(`${i === 0 ? lead : cont}${p}`));
    line = `${cut.length > 1 ? cont : lead}${cut[cut.length - 1] ?? ''}`;
    filled = true;
  }
  lines.push(line);
  return lines;
}

/** Prose (a note, the heading) wrapped at its spaces, or anywhere in a long run of Japanese. */
const prose = (lead: string, text: string) => fit(lead, lead, text.split(' '), STRUCTURE_WIDTH, ' ');

function sizes(p: StructurePart, lang: Lang): string {
  if (p.type === 'message/rfc822') return localize(T.enclosed, lang, { size: formatSize(p.size) });
  const encoding = p.encoding ?? pick(T.sevenBit, lang);
  const decoded = p.decodedSize ?? p.size;
  const size = decoded === p.size ? formatSize(p.size) : localize(T.decodedSize, lang, { decoded: formatSize(decoded), encoded: formatSize(p.size) });
  return `${encoding} · ${size}`;
}

function noteText(p: StructurePart, lang: Lang): string[] {
  return p.notes.map((n) => `! ${localize(T[n], lang, { boundary: p.params.boundary ?? '', declared: p.declared ?? '' })}`);
}

/** The lines below a part's first: headers of a message, disposition, sizes (the notes follow). */
function details(p: StructurePart, lang: Lang): string[][] {
  const rows: string[][] = [];
  if (p.header?.subject) rows.push([`Subject: ${p.header.subject}`]);
  if (p.header?.from) rows.push([`From: ${p.header.from}`]);
  if (p.disposition !== null) rows.push([p.disposition, ...paramList(p.dispositionParams)]);
  else if (p.filename !== null && p.params.name === undefined) rows.push([`filename="${p.filename}"`]);
  if (!p.type.startsWith('multipart/')) rows.push([sizes(p, lang)]);
  return rows;
}

function draw(p: StructurePart, lang: Lang, lead: string, branch: string | null, out: string[]): void {
  const number = p.part === null ? '' : `${p.part}  `;
  const own = branch === null ? lead : `${lead}${branch}`;
  const below = branch === null ? lead : `${lead}${branch === '└─ ' ? '   ' : '│  '}`;
  const detailLead = `${below}${p.parts.length > 0 ? '│ ' : '  '}${' '.repeat(Math.max(0, number.length - 2))}`;
  out.push(...fit(`${own}${number}`, detailLead, [p.type, ...paramList(p.params)]));
  for (const row of details(p, lang)) out.push(...fit(detailLead, detailLead, row).map((l) => theme.dim(l)));
  for (const note of noteText(p, lang)) out.push(...prose(detailLead, note).map((l) => theme.warn(l)));
  p.parts.forEach((c, i) => draw(c, lang, below, i === p.parts.length - 1 ? '└─ ' : '├─ ', out));
}

/** The tree as text, at most 80 columns wide. */
export function renderStructure(tree: StructurePart, lang: Lang): string {
  const out = [...prose('', pick(T.structureHead, lang)).map((l) => theme.heading(l)), ''];
  draw(tree, lang, '', null, out);
  return `${out.join('\n')}\n`;
}

/** `--structure` (text) or `--structure --json`: `{ id, structure }` (shape: StructurePart). */
export function showStructure(id: string, raw: Buffer, json: boolean, lang: Lang): string {
  const tree = mimeStructure(raw);
  return json ? `${JSON.stringify({ id, structure: tree }, null, 2)}\n` : renderStructure(tree, lang);
}
