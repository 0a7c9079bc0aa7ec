import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { parse } from 'yaml';
import { displayPath, type Problem } from './problems.js';
import type { Lesson, LocalizedText } from './schema.js';

/**
 * One Japanese term per idea (issue 18, row 16): lessons/glossary.yaml lists, for each idea, the
 * term the course uses and the variants that must not appear in any lesson's Japanese text.
 */
export const GLOSSARY_FILE = 'glossary.yaml';

const glossarySchema = z.strictObject({
  terms: z.array(z.strictObject({ idea: z.string().min(1), use: z.string().min(1), avoid: z.array(z.string().min(1)).min(1) })),
});
export type Glossary = z.infer<typeof glossarySchema>;

/** The glossary in `dir`, or null when the directory has none (a lesson set without one checks nothing). */
export async function loadGlossary(dir: string): Promise<{ glossary: Glossary | null; problems: Problem[] }> {
  const path = join(dir, GLOSSARY_FILE);
  let source: string;
  try {
    source = await readFile(path, 'utf8');
  } catch {
    return { glossary: null, problems: [] };
  }
  const file = displayPath(path);
  let value: unknown;
  try {
    value = parse(source);
  } catch (err) {
    return { glossary: null, problems: [{ file, message: (err as Error).message }] };
  }
  const parsed = glossarySchema.safeParse(value);
  if (!parsed.success) return { glossary: null, problems: parsed.error.issues.map((i) => ({ file, field: i.path.join('.'), message: i.message })) };
  const problems: Problem[] = [];
  parsed.data.terms.forEach((t, i) => {
    for (const v of t.avoid) if (t.use.includes(v)) problems.push({ file, field: `terms[${i}].avoid`, message: `"${v}" is part of the term to use, "${t.use}"` });
  });
  return { glossary: parsed.data, problems };
}

/** Every Japanese text in a lesson, with the field it is in (diagrams too: the learner reads them). */
function japaneseTexts(lesson: Lesson): Array<{ step?: string; field: string; text: string }> {
  const out: Array<{ step?: string; field: string; text: string }> = [];
  const walk = (value: unknown, path: string, step?: string): void => {
    if (Array.isArray(value)) return value.forEach((v, i) => walk(v, `${path}[${i}]`, step));
    if (value === null || typeof value !== 'object') return;
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      const field = path === '' ? k : `${path}.${k}`;
      if (k === 'ja' && typeof v === 'string') out.push({ ...(step ? { step } : {}), field, text: v });
      else walk(v, field, step);
    }
  };
  walk({ title: lesson.title, summary: lesson.summary }, '');
  for (const step of lesson.steps) {
    const { id, ...rest } = step;
    walk(rest as LocalizedText | Record<string, unknown>, '', id);
  }
  return out;
}

/** A variant the glossary rejects, anywhere in the lesson's Japanese. */
export function glossaryProblems(file: string, lesson: Lesson, glossary: Glossary): Problem[] {
  const problems: Problem[] = [];
  for (const { step, field, text } of japaneseTexts(lesson)) {
    for (const term of glossary.terms) {
      for (const variant of term.avoid) {
        if (text.includes(variant)) problems.push({ file, ...(step ? { step } : {}), field, message: `"${variant}": the course says "${term.use}" for ${term.idea} (${GLOSSARY_FILE})` });
      }
    }
  }
  return problems;
}
