import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { LESSON_IDS, lookupService, SERVICES } from '../../../src/ports/services.js';
import { SERVE_PORTS } from '../../../src/commands/options.js';
import { PROTOCOLS } from '../../../src/protocol.js';

// Content is named only through the manifest: every lesson a port points at must be in it.
const LESSONS = (parse(readFileSync('lessons/manifest.yaml', 'utf8')) as { lessons: string[] }).lessons;

describe('services', () => {
  // The list issue 2 asks for, with the transport each speaks.
  it.each([
    [20, 'tcp'], [21, 'tcp'], [22, 'tcp'], [23, 'tcp'], [25, 'tcp'], [53, 'udp'], [53, 'tcp'], [67, 'udp'], [68, 'udp'],
    [80, 'tcp'], [110, 'tcp'], [123, 'udp'], [143, 'tcp'], [161, 'udp'], [389, 'tcp'], [443, 'tcp'], [465, 'tcp'],
    [587, 'tcp'], [631, 'tcp'], [993, 'tcp'], [995, 'tcp'], [3306, 'tcp'], [5432, 'tcp'], [6379, 'tcp'], [27017, 'tcp'],
    [2525, 'tcp'], [2110, 'tcp'], [2143, 'tcp'], [2587, 'tcp'], [2465, 'tcp'], [2993, 'tcp'], [2995, 'tcp'],
  ] as const)('knows %i/%s', (port, protocol) => {
    expect(lookupService(port, protocol)).not.toBeNull();
  });

  it('sends the mail ports to their own lessons', () => {
    expect(lookupService(2525, 'tcp')?.lesson).toBe('mock-server');
    expect(lookupService(25, 'tcp')?.lesson).toBe('smtp-basics');
    expect(lookupService(587, 'tcp')?.lesson).toBe('smtp-auth');
    expect(lookupService(110, 'tcp')?.lesson).toBe('pop3');
    expect(lookupService(2143, 'tcp')?.lesson).toBe('imap');
    // The TLS ports (real and serve's own) point at the lesson that teaches implicit TLS and STARTTLS.
    for (const port of [465, 993, 995, 2465, 2587, 2993, 2995]) expect(lookupService(port, 'tcp')?.lesson).toBe('tls');
  });

  it('does not name a service for the wrong transport or an unknown port', () => {
    expect(lookupService(22, 'udp')).toBeNull();
    expect(lookupService(123, 'tcp')).toBeNull();
    expect(lookupService(2024, 'tcp')).toBeNull();
  });

  it.each(SERVICES.map((s) => [`${s.port}/${s.protocols.join('+')} ${s.name}`, s] as const))('%s: English and Japanese text, a known lesson', (_, s) => {
    expect(s.description.en.length).toBeGreaterThan(10);
    expect(s.description.ja).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
    expect(LESSONS).toContain(s.lesson);
    if (s.rfc !== null) expect(s.rfc).toMatch(/^RFC \d+$/);
  });

  it('names exactly the lessons of the manifest, in its order', () => {
    expect([...LESSON_IDS]).toEqual(LESSONS);
  });

  // serve's default ports (commands/options.ts) are the l7lab rows here: one fact, two views.
  const serveRows: Array<[string, number]> = [
    ...PROTOCOLS.map((p): [string, number] => [`${p.toUpperCase()} (l7lab)`, SERVE_PORTS.plain[p]]),
    ...Object.entries(SERVE_PORTS.implicitTls).map(([p, port]): [string, number] => [`${p.toUpperCase()}S (l7lab)`, port]),
    ['Submission (l7lab)', SERVE_PORTS.submission],
  ];
  it.each(serveRows)('%s is on serve\'s default port %i', (name, port) => {
    expect(lookupService(port, 'tcp')?.name).toBe(name);
  });

  it('names no l7lab port that serve does not open by default', () => {
    const named = SERVICES.filter((s) => s.name.endsWith('(l7lab)')).map((s) => s.port);
    expect(named.sort()).toEqual(serveRows.map(([, port]) => port).sort());
  });

  it('has one entry per port and transport', () => {
    const keys = SERVICES.flatMap((s) => s.protocols.map((p) => `${p}/${s.port}`));
    expect(new Set(keys).size).toBe(keys.length);
  });
});
