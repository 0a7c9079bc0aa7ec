/**
 * mime-parts.ts (the MIME tree of mailsplit and libmime underneath, ~2.5 MB of heap once
 * loaded), imported when a message page or its parts are first asked for, not when `serve`
 * starts (issue 19: serve idle memory). The same pattern as inspect.ts's mailparser.
 */
let loading: Promise<typeof import('./mime-parts.js')> | undefined;

export function mimeParts(): Promise<typeof import('./mime-parts.js')> {
  loading ??= import('./mime-parts.js');
  return loading;
}
