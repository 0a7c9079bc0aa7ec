import { readFile } from 'node:fs/promises';
import { parseFailRule } from '../protocols/smtp/failure-rules.js';
import { join } from 'node:path';
import type { ProtocolKnowledge } from '../protocols/knowledge.js';
import { STARTTLS, type Protocol } from '../protocol.js';
import { KNOWLEDGE, knowsCommand } from '../protocols/registry.js';
import { LessonFileError, displayPath, type Problem } from './problems.js';
import { MANIFEST_FILE, lessonFile, lessonFilesIn, loadManifest, parseLesson } from './loader.js';
import { diagramProblems } from './check-diagram.js';
import { questionCountProblems } from './check-count.js';
import { requestProblems } from './check-request.js';
import { queryProblems } from './check-query.js';
import { labQueryProblems } from './check-query-lab.js';
import { authProblems } from './check-auth.js';
import { layerConsistencyProblems, type BadgedLesson } from './check-layers.js';
import { glossaryProblems, loadGlossary, type Glossary } from './check-glossary.js';
import { isBuiltin, placeholdersIn } from './placeholders.js';
import { opensWithVerdict } from './verdict.js';
import { DEFAULT_LAB, type Lesson, type LocalizedText, type Step } from './schema.js';

/**
 * `l7lab lessons --check` (also a test): what the schema cannot see. Duplicate ids, quizzes
 * without exactly one right answer, connections or labs never opened, placeholders never
 * captured, patterns that do not compile, suggested commands the protocol's knowledge
 * table does not know, and in what the learner reads: a step that asks for input without
 * saying what to type, a `{name}` nothing will fill (it would show raw), and an odd number of
 * backticks (a code span that never closes would show its backtick).
 */
export interface CheckContext {
  knowledge: Readonly<Record<Protocol, ProtocolKnowledge>>;
  lessonIds: ReadonlySet<string>;
}

interface Walk {
  file: string;
  lesson: Lesson;
  ctx: CheckContext;
  problems: Problem[];
  connections: Map<string, Protocol>;
  captures: Set<string>;
}

function report(w: Walk, step: Step | null, field: string, message: string): void {
  w.problems.push({ file: w.file, ...(step ? { step: step.id } : {}), field, message });
}

function checkPattern(w: Walk, step: Step, field: string, source: string | undefined): void {
  if (source === undefined) return;
  try {
    new RegExp(source, 'i');
  } catch (err) {
    report(w, step, field, `not a valid pattern: ${(err as Error).message}`);
  }
}

function checkPlaceholders(w: Walk, step: Step, field: string, template: string | undefined): void {
  if (template === undefined) return;
  for (const name of placeholdersIn(template)) {
    if (!isBuiltin(name) && !w.captures.has(name)) report(w, step, field, `placeholder {${name}} is not captured by an earlier step`);
  }
}

/** Steps that wait for the learner to type or pick something. */
const ASKS_FOR_INPUT = new Set<Step['kind']>(['send', 'request', 'data', 'starttls', 'quiz', 'query']);

/**
 * Every text the learner reads in a step, and whether it is shown before the step runs
 * (only earlier captures are filled) or after (this step's own captures are filled too).
 */
function learnerTexts(step: Step): Array<{ field: string; text: LocalizedText; after: boolean }> {
  const out: Array<{ field: string; text: LocalizedText; after: boolean }> = [];
  const add = (field: string, text: LocalizedText | undefined, after: boolean) => {
    if (text) out.push({ field, text, after });
  };
  add('title', step.title, false);
  if ('text' in step) add('text', step.text, false);
  if ('question' in step) add('question', step.question, false);
  if ('hint' in step) add('hint', step.hint, true);
  if ('explain' in step) add('explain', step.explain, true);
  if (step.kind === 'quiz') step.choices.forEach((c, i) => (add(`choices[${i}].text`, c.text, false), add(`choices[${i}].explain`, c.explain, true)));
  if (step.kind === 'run') step.classic?.parts.forEach((p, i) => add(`classic.parts[${i}].text`, p.text, false));
  return out;
}

function ownCaptures(step: Step): string[] {
  if (step.kind === 'compute') return [step.into];
  return 'capture' in step ? Object.keys(step.capture ?? {}) : [];
}

function checkLearnerText(w: Walk, step: Step | null): void {
  if (step && ASKS_FOR_INPUT.has(step.kind) && !('text' in step && step.text) && !('question' in step && step.question)) {
    report(w, step, 'text', 'this step asks the learner for input: say what to type');
  }
  const own = new Set(step ? ownCaptures(step) : []);
  const texts = step ? learnerTexts(step) : [{ field: 'title', text: w.lesson.title, after: false }, { field: 'summary', text: w.lesson.summary, after: false }];
  for (const { field, text, after } of texts) {
    for (const lang of ['en', 'ja'] as const) {
      for (const name of placeholdersIn(text[lang])) {
        if (isBuiltin(name) || w.captures.has(name) || (after && own.has(name))) continue;
        report(w, step, `${field}.${lang}`, `{${name}} is not filled here (no earlier step captures it), so the learner would see it raw`);
      }
      if ((text[lang].match(/`/g) ?? []).length % 2 === 1) report(w, step, `${field}.${lang}`, 'unbalanced backticks: a code span is opened and never closed');
    }
  }
}

function checkDiagram(w: Walk, step: Extract<Step, { kind: 'say' }>): void {
  if (step.diagram === undefined) return;
  const arts = typeof step.diagram === 'string' ? [['', step.diagram]] : Object.entries(step.diagram).map(([l, a]) => [`.${l}`, a]);
  for (const [suffix, art] of arts as Array<[string, string]>) {
    for (const problem of diagramProblems(art)) report(w, step, `diagram${suffix}`, problem);
  }
}

function checkLab(w: Walk, step: Step, field: string, lab: string | undefined, protocol?: Protocol): void {
  const name = lab ?? DEFAULT_LAB;
  const config = w.lesson.labs[name];
  if (!config) {
    report(w, step, field, `unknown lab "${name}" (labs: ${Object.keys(w.lesson.labs).join(', ')})`);
    return;
  }
  if (protocol && config.protocols && !config.protocols.includes(protocol)) report(w, step, field, `lab "${name}" does not run ${protocol}`);
}

function useConnection(w: Walk, step: Step, name: string): Protocol | undefined {
  const p = w.connections.get(name);
  if (!p) report(w, step, 'connection', `unknown connection "${name}" (open it with a connect step first)`);
  return p;
}

function checkCommand(w: Walk, step: Extract<Step, { kind: 'send' }>, protocol: Protocol | undefined): void {
  checkPlaceholders(w, step, 'command', step.command);
  checkPattern(w, step, 'accept', step.accept);
  checkPattern(w, step, 'match', step.match);
  if (step.accept && !step.command.includes('{')) {
    try {
      if (!new RegExp(step.accept, 'i').test(step.command)) report(w, step, 'accept', 'does not accept the suggested command itself');
    } catch {
      // reported by checkPattern
    }
  }
  if (protocol === 'http') report(w, step, 'connection', 'an HTTP request is several lines: use a request step');
  if (!protocol || step.continues) return;
  if (!knowsCommand(w.ctx.knowledge[protocol], step.command)) report(w, step, 'command', `"${step.command}" is not a ${protocol.toUpperCase()} command the knowledge table knows`);
}

function checkCaptures(w: Walk, step: Step, capture: Record<string, string> | undefined): void {
  for (const [name, source] of Object.entries(capture ?? {})) {
    checkPattern(w, step, `capture.${name}`, source);
    w.captures.add(name);
  }
}

function checkQuiz(w: Walk, step: Extract<Step, { kind: 'quiz' }>): void {
  const right = step.choices.filter((c) => c.correct).length;
  if (right !== 1) report(w, step, 'choices', `a quiz needs exactly one correct choice, found ${right}`);
  if (step.see !== undefined && !w.ctx.lessonIds.has(step.see)) report(w, step, 'see', `unknown lesson "${step.see}"`);
  // The engine says whether a pick was right (tutor/verdict.ts).
  step.choices.forEach((c, i) => {
    if (c.correct && opensWithVerdict(c.explain.en, c.explain.ja)) {
      report(w, step, `choices[${i}].explain`, 'starts by saying it is right; the engine says that, and after a miss this text explains the answer');
    }
  });
}

function checkStep(w: Walk, step: Step): void {
  switch (step.kind) {
    case 'say':
      return checkDiagram(w, step);
    case 'run':
      return checkLab(w, step, 'lab', step.lab);
    case 'connect':
      checkLab(w, step, 'lab', step.lab, step.protocol);
      if (step.tls && w.lesson.labs[step.lab ?? DEFAULT_LAB]?.tls !== true) report(w, step, 'tls', 'TLS from the first byte needs the lab certificate: give the lab `tls: true`');
      w.connections.set(step.connection, step.protocol);
      return checkCaptures(w, step, step.capture);
    case 'send':
      checkCommand(w, step, useConnection(w, step, step.connection));
      return checkCaptures(w, step, step.capture);
    case 'request': {
      step.lines.forEach((line, i) => checkPlaceholders(w, step, `lines[${i}]`, line));
      const p = useConnection(w, step, step.connection);
      for (const { field, message } of requestProblems(step, p, p ? w.ctx.knowledge[p] : undefined)) report(w, step, field, message);
      return checkCaptures(w, step, step.capture);
    }
    case 'data':
      step.body.forEach((line, i) => checkPlaceholders(w, step, `body[${i}]`, line));
      for (const { field, message } of authProblems(step, w.lesson.steps, false)) report(w, step, field, message);
      if (useConnection(w, step, step.connection) !== undefined && w.connections.get(step.connection) !== 'smtp') report(w, step, 'connection', 'DATA needs an SMTP connection');
      return checkCaptures(w, step, step.capture);
    case 'compute':
      checkPlaceholders(w, step, 'input', step.input);
      if (step.op !== 'sasl-plain' && step.input === undefined) report(w, step, 'input', `missing (the value ${step.op} works on)`);
      w.captures.add(step.into);
      return;
    case 'check':
      checkLab(w, step, 'lab', step.lab);
      return checkPattern(w, step, 'expect.contains', step.expect.contains);
    case 'quiz':
      return checkQuiz(w, step);
    case 'disconnect':
      useConnection(w, step, step.connection);
      return;
    case 'starttls': {
      // HTTP has no upgrade command: HTTPS is TLS from the first byte (RFC 9110 4.2.2), a connect with `tls: true`.
      const p = useConnection(w, step, step.connection);
      if (p !== undefined && STARTTLS[p] === null) report(w, step, 'connection', `${p.toUpperCase()} has no STARTTLS: connect with tls: true instead`);
      return;
    }
    case 'wait':
      useConnection(w, step, step.connection);
      return checkPattern(w, step, 'until', step.until);
    case 'relay':
      checkLab(w, step, 'from', step.from);
      // With no server to deliver to (lookup: bounce) there is no receiving lab; otherwise there must be one.
      if (step.to === undefined && step.lookup !== 'bounce') report(w, step, 'to', 'missing: the lab that receives the relayed mail');
      if (step.to !== undefined && step.lookup === 'bounce') report(w, step, 'to', 'a lookup that bounces relays to no lab: drop `to`');
      return step.to === undefined ? undefined : checkLab(w, step, 'to', step.to, 'smtp');
    case 'query':
      checkLab(w, step, 'lab', step.lab, 'dns');
      checkPlaceholders(w, step, 'query', step.query);
      for (const { field, message } of queryProblems(step)) report(w, step, field, message);
      return checkCaptures(w, step, step.capture);
    case 'authcheck': {
      checkLab(w, step, 'lab', step.lab, 'dns');
      const seeded = (w.lesson.labs[step.lab ?? DEFAULT_LAB]?.seed.length ?? 0) > 0;
      for (const { field, message } of authProblems(step, w.lesson.steps, seeded)) report(w, step, field, message);
      return;
    }
  }
}

/** A lab's failRules must parse as serve's --fail does, or the lesson would fail when its lab starts. */
function checkFailRules(w: Walk): void {
  for (const [name, lab] of Object.entries(w.lesson.labs)) {
    (lab.failRules ?? []).forEach((rule, i) => {
      try {
        parseFailRule(rule, `rule ${i + 1}`);
      } catch (err) {
        w.problems.push({ file: w.file, field: `labs.${name}.failRules[${i}]`, message: err instanceof Error ? err.message : String(err) });
      }
    });
  }
}

/** Problems in one already-parsed lesson. */
export function checkLesson(file: string, lesson: Lesson, ctx: CheckContext): Problem[] {
  const w: Walk = { file, lesson, ctx, problems: [], connections: new Map(), captures: new Set() };
  const seen = new Set<string>();
  checkLearnerText(w, null);
  w.problems.push(...questionCountProblems(w.file, w.lesson));
  checkFailRules(w);
  for (const step of lesson.steps) {
    if (seen.has(step.id)) report(w, step, 'id', 'duplicate step id');
    seen.add(step.id);
    checkLearnerText(w, step);
    checkStep(w, step);
  }
  if (!lesson.steps.some((s) => s.kind === 'quiz')) w.problems.push({ file, field: 'steps', message: 'a lesson ends with at least one quiz question' });
  return w.problems;
}

export interface CheckReport {
  problems: Problem[];
  lessons: number;
}

/** Check the manifest and every lesson file in `dir`. */
export async function checkLessonsDir(dir: string): Promise<CheckReport> {
  let ids: string[];
  try {
    ids = (await loadManifest(dir)).lessons;
  } catch (err) {
    if (err instanceof LessonFileError) return { problems: err.problems, lessons: 0 };
    throw err;
  }
  const manifestFile = displayPath(join(dir, MANIFEST_FILE));
  const problems: Problem[] = [];
  const seen = new Set<string>();
  ids.forEach((id, i) => {
    if (seen.has(id)) problems.push({ file: manifestFile, field: `lessons[${i}]`, message: `duplicate lesson id "${id}"` });
    seen.add(id);
  });
  for (const orphan of (await lessonFilesIn(dir)).filter((f) => !seen.has(f))) {
    problems.push({ file: displayPath(lessonFile(dir, orphan)), message: `not listed in ${MANIFEST_FILE}` });
  }
  const ctx: CheckContext = { knowledge: KNOWLEDGE, lessonIds: seen };
  const { glossary, problems: glossaryFileProblems } = await loadGlossary(dir);
  problems.push(...glossaryFileProblems);
  const parsed: BadgedLesson[] = [];
  for (const id of seen) problems.push(...(await checkOne(dir, id, ctx, glossary, parsed)));
  // Across lessons: one layer badge per command (check-layers.ts).
  problems.push(...layerConsistencyProblems(parsed));
  return { problems, lessons: seen.size };
}

async function checkOne(dir: string, id: string, ctx: CheckContext, glossary: Glossary | null, parsed: BadgedLesson[]): Promise<Problem[]> {
  const path = lessonFile(dir, id);
  const file = displayPath(path);
  let source: string;
  try {
    source = await readFile(path, 'utf8');
  } catch {
    return [{ file, message: `listed in ${MANIFEST_FILE} but the file is missing` }];
  }
  const { lesson, problems } = parseLesson(path, source);
  if (!lesson) return problems;
  parsed.push({ file, lesson });
  const out = checkLesson(file, lesson, ctx);
  // One Japanese term per idea (check-glossary.ts).
  if (glossary) out.push(...glossaryProblems(file, lesson, glossary));
  // What the lab's own zones would answer each query step (check-query-lab.ts).
  for (const p of await labQueryProblems(lesson)) out.push({ file, ...p });
  if (lesson.id !== id) out.unshift({ file, field: 'id', message: `is "${lesson.id}" but the manifest lists "${id}"` });
  return out;
}

