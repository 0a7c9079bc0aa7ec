import type { HttpHeaders } from './types.js';

const NONE: readonly string[] = Object.freeze([]);

/**
 * Field lines in the order received; names compare case-insensitively (RFC 9110 5.1), so each
 * name is lower-cased once, when its line arrives: a request is asked for a dozen fields
 * (Host, framing, Expect, Connection, the validators, Range, Accept-Language), not once per look.
 */
export class FieldList implements HttpHeaders {
  private readonly lines: Array<readonly [string, string]> = [];
  private readonly lower: string[] = [];

  add(name: string, value: string): void {
    this.lines.push([name, value]);
    this.lower.push(name.toLowerCase());
  }

  get size(): number {
    return this.lines.length;
  }

  get(name: string): string | undefined {
    const lower = name.toLowerCase();
    let found: string | undefined;
    for (let i = 0; i < this.lower.length; i++) {
      if (this.lower[i] !== lower) continue;
      const value = (this.lines[i] as readonly [string, string])[1];
      // RFC 9110 5.3: several lines of one field are one value joined with ", ".
      found = found === undefined ? value : `${found}, ${value}`;
    }
    return found;
  }

  all(name: string): readonly string[] {
    const lower = name.toLowerCase();
    let values: string[] | null = null;
    for (let i = 0; i < this.lower.length; i++) if (this.lower[i] === lower) (values ??= []).push((this.lines[i] as readonly [string, string])[1]);
    return values ?? NONE;
  }

  has(name: string): boolean {
    return this.lower.includes(name.toLowerCase());
  }

  entries(): ReadonlyArray<readonly [string, string]> {
    return this.lines;
  }
}

/** The comma-separated list elements of a field's value, trimmed and lower-cased (RFC 9110 5.6.1). */
export function listTokens(value: string | undefined): string[] {
  if (value === undefined) return [];
  return value
    .split(',')
    .map((s) => s.trim().toLowerCase())
    .filter((s) => s !== '');
}
