import { describe, expect, it } from 'vitest';
import { buildReport, explainServices } from '../../../src/ports/report.js';
import { rows } from './fixtures.js';

describe('buildReport', () => {
  const sockets = rows(['tcp', 4, '127.0.0.1', 2525, 123, 'node', 'root', false], ['tcp', 4, '0.0.0.0', 2024, null, null, null, false]);

  it('has exactly the --json shape of issue 2, nulls kept as null', () => {
    const report = buildReport('ss', true, sockets, 'en');
    expect(Object.keys(report)).toEqual(['backend', 'partial', 'sockets']);
    expect(report.sockets[0]).toEqual({
      protocol: 'tcp',
      family: 4,
      address: '127.0.0.1',
      port: 2525,
      scope: 'loopback',
      pid: 123,
      process: 'node',
      user: 'root',
      service: { name: 'SMTP (l7lab)', description: expect.stringContaining('relays none') },
    });
    expect(report.sockets[1]).toMatchObject({ scope: 'all', pid: null, process: null, user: null, service: null });
    expect(JSON.parse(JSON.stringify(report))).toEqual(report);
  });

  it('describes services in Japanese when asked', () => {
    expect(buildReport('ss', false, sockets, 'ja').sockets[0]?.service?.description).toMatch(/中継しません/);
  });
});

describe('explainServices', () => {
  it('lists each service once with where it was found, and the ports nobody knows', () => {
    const found = explainServices(
      rows(
        ['tcp', 4, '0.0.0.0', 22, 1, 'sshd', 'root', false],
        ['tcp', 6, '::', 22, 1, 'sshd', 'root', false],
        ['udp', 4, '0.0.0.0', 53, 9, 'dnsmasq', 'root', false],
        ['tcp', 4, '0.0.0.0', 2024, null, null, null, false],
      ),
    );
    expect(found.known.map((k) => [k.service.name, k.where])).toEqual([
      ['SSH', ['22/tcp']],
      ['DNS', ['53/udp']],
    ]);
    expect(found.unknown).toEqual(['2024/tcp']);
  });
});
