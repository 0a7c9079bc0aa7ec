import type { AuthDns, TxtAnswer } from '../../../src/mailauth/types.js';

/** A DNS for unit tests: names to TXT, A/AAAA and MX data; a name in `failing` answers with an error; counts questions. */
export interface FakeZone {
  txt?: Record<string, string[]>;
  addr?: Record<string, string[]>;
  mx?: Record<string, string[]>;
  failing?: string[];
}

export function fakeDns(zone: FakeZone): AuthDns & { asked: string[] } {
  const asked: string[] = [];
  const exists = (name: string): boolean => [zone.txt, zone.addr, zone.mx].some((m) => m !== undefined && name in m);
  const txt = async (name: string): Promise<TxtAnswer> => {
    asked.push(`TXT ${name}`);
    if (zone.failing?.includes(name)) return { kind: 'error', reason: 'SERVFAIL' };
    const records = zone.txt?.[name];
    if (records) return { kind: 'records', records };
    return exists(name) ? { kind: 'nodata' } : { kind: 'nxdomain' };
  };
  const addresses = async (name: string): Promise<string[] | null> => {
    asked.push(`A ${name}`);
    return zone.failing?.includes(name) ? null : (zone.addr?.[name] ?? []);
  };
  const mx = async (name: string): Promise<string[] | null> => {
    asked.push(`MX ${name}`);
    return zone.failing?.includes(name) ? null : (zone.mx?.[name] ?? []);
  };
  return { txt, addresses, mx, asked };
}
