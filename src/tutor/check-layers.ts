import type { Problem } from './problems.js';
import type { Lesson, Step } from './schema.js';

/**
 * One layer badge per command across every lesson (DESIGN.md "Layers"): a badge marks what a
 * step is about, and the same command must not be L5 in one lesson and L7 in the next (issue 18,
 * row 11). Only steps that send something the learner types are compared: send, request, query.
 */
export interface BadgedLesson {
  file: string;
  lesson: Lesson;
}

/**
 * The command a step sends, upper-cased: the first word (the method of an HTTP request), after
 * the tag of an IMAP command (RFC 3501 2.2.1). SMTP AUTH is keyed with its mechanism (RFC 4954 4:
 * AUTH mechanism [initial-response]), since the mechanism decides the whole exchange. A line that
 * continues an exchange ({user64}, a SASL answer) is not a command, and a query step is "query".
 */
export function commandKey(step: Step, tagged: boolean): string | undefined {
  if (step.kind === 'query') return 'query';
  const line = step.kind === 'send' && !step.continues ? step.command : step.kind === 'request' ? step.lines[0] : undefined;
  if (line === undefined) return undefined;
  const words = line.trim().split(/\s+/).slice(tagged ? 1 : 0);
  const verb = words[0]?.toUpperCase();
  if (verb === undefined || verb === '' || verb.startsWith('{')) return undefined;
  return verb === 'AUTH' && words[1] !== undefined ? `AUTH ${words[1].toUpperCase()}` : verb;
}

/** Problems for every command whose badged steps do not all carry the same badge. */
export function layerConsistencyProblems(lessons: readonly BadgedLesson[]): Problem[] {
  const seen = new Map<string, Array<{ file: string; step: string; layer: string }>>();
  for (const { file, lesson } of lessons) {
    const protocols = connectionProtocols(lesson);
    for (const step of lesson.steps) {
      if (!('layer' in step) || step.layer === undefined) continue;
      const protocol = 'connection' in step ? protocols.get(step.connection) : undefined;
      const key = commandKey(step, protocol === 'imap');
      if (key === undefined) continue;
      const id = `${(protocol ?? (step.kind === 'query' ? 'dns' : step.kind)).toUpperCase()} ${key}`;
      seen.set(id, [...(seen.get(id) ?? []), { file, step: step.id, layer: step.layer }]);
    }
  }
  const problems: Problem[] = [];
  for (const [id, uses] of seen) {
    const counts = new Map<string, number>();
    for (const u of uses) counts.set(u.layer, (counts.get(u.layer) ?? 0) + 1);
    if (counts.size < 2) continue;
    const summary = [...counts].map(([l, n]) => `${l} ${n}×`).join(', ');
    for (const u of uses) {
      problems.push({ file: u.file, step: u.step, field: 'layer', message: `${u.layer}, but ${id} is badged differently across the lessons (${summary}): one badge per command` });
    }
  }
  return problems;
}

function connectionProtocols(lesson: Lesson): Map<string, string> {
  const out = new Map<string, string>();
  for (const step of lesson.steps) if (step.kind === 'connect') out.set(step.connection, step.protocol);
  return out;
}
