import type { Options } from './options.js';

/**
 * A command's flags read by hand when they are plainly well formed, so a command run often
 * (`ports --json`, `mail list`) starts without loading commander and the whole program
 * (cli.ts). Anything else — help, an unknown or repeated flag, a value a check refuses, a
 * missing value, an argument — returns null and goes through commander as before, which says
 * what is wrong in its own words. What this accepts, commander parses to the same options.
 */
export interface FastArgvSpec {
  /** Flags without a value: `--json` -> opts.json = true. */
  flags: Readonly<Record<string, string>>;
  /** Flags with one (`--store DIR` or `--store=DIR`): the value as commander hands it, or null to leave the line to commander. */
  valued: Readonly<Record<string, (value: string) => unknown>>;
  /** What commander sets when a flag is absent (its defaults). */
  defaults?: Options;
}

/** The options commander would hand the command, or null when commander must read the line. */
export function parseFastArgv(args: readonly string[], spec: FastArgvSpec): Options | null {
  const opts: Options = { ...spec.defaults };
  const seen = new Set<string>();
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    const eq = arg.indexOf('=');
    const name = eq > 0 ? arg.slice(0, eq) : arg;
    if (seen.has(name)) return null;
    seen.add(name);
    const flag = Object.hasOwn(spec.flags, name) ? spec.flags[name] : undefined;
    if (flag !== undefined && eq < 0) {
      opts[flag] = true;
      continue;
    }
    const check = Object.hasOwn(spec.valued, name) ? spec.valued[name] : undefined;
    if (check === undefined) return null;
    const value = eq > 0 ? arg.slice(eq + 1) : args[++i];
    if (value === undefined || value === '' || value.startsWith('-')) return null;
    const parsed = check(value);
    if (parsed === null) return null;
    opts[name.slice(2)] = parsed;
  }
  return opts;
}

/** A value taken as given (commander's `<value>`). */
export const asGiven = (value: string): string => value;
