/**
 * Name relations the walk needs. Names are presentation strings without the final dot, the root
 * is '' (types.ts); comparisons ignore ASCII case (RFC 4343 3).
 */

/** The canonical key of a name: lower case (RFC 4343 3), no final dot. */
export function nameKey(name: string): string {
  return name.toLowerCase();
}

/** `name` is `zone` or below it (RFC 1034 4.3.2: the zone's bailiwick). */
export function isAtOrBelow(name: string, zone: string): boolean {
  const n = nameKey(name);
  const z = nameKey(zone);
  return z === '' || n === z || n.endsWith(`.${z}`);
}

/** The name and each of its ancestors up to the root: `a.b` -> `a.b`, `b`, ''. */
export function selfAndAncestors(name: string): string[] {
  const labels = nameKey(name).split('.').filter((l) => l !== '');
  const out: string[] = [];
  for (let i = 0; i < labels.length; i++) out.push(labels.slice(i).join('.'));
  out.push('');
  return out;
}

/** A name as dig prints it: with the final dot, the root as `.`. */
export function dotted(name: string): string {
  return name === '' ? '.' : `${name}.`;
}
