import { showNuls } from '../protocols/sasl.js';

/** Text with NUL shown as \0 and other control characters as \xNN, so nothing hides. */
export function printable(bytes: Buffer): string {
  return showNuls(bytes).replace(/[\x01-\x08\x0b-\x1f\x7f]/g, (ch) => `\\x${ch.charCodeAt(0).toString(16).padStart(2, '0')}`);
}
