import type { HttpHeaders } from './types.js';

/** Field lines in the order received; names compare case-insensitively (RFC 9110 5.1). */
export class FieldList implements HttpHeaders {
  private readonly lines: Array<readonly [string, string]> = [];

  add(name: string, value: string): void {
    this.lines.push([name, value]);
  }

  get size(): number {
    return this.lines.length;
  }

  get(name: string): string | undefined {
    const values = this.all(name);
    // RFC 9110 5.3: several lines of one field are one value joined with ", ".
    return values.length === 0 ? undefined : values.join(', ');
  }

  all(name: string): readonly string[] {
    const lower = name.toLowerCase();
    return this.lines.filter(([n]) => n.toLowerCase() === lower).map(([, v]) => v);
  }

  has(name: string): boolean {
    return this.all(name).length > 0;
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
