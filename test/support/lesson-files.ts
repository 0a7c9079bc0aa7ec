import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'yaml';

/**
 * The shipped lesson files read as plain YAML, for tests that check what a lesson says in both
 * languages (facts, quiz answers, its place in the manifest) without going through the loader.
 */
export const LESSONS = join(process.cwd(), 'lessons');
export const LANGS = ['en', 'ja'] as const;
export type Lang = (typeof LANGS)[number];

export interface RawChoice {
  text: Record<Lang, string>;
  correct?: boolean;
  explain?: Record<Lang, string>;
}
export interface RawStep {
  id: string;
  kind: string;
  choices?: RawChoice[];
  see?: string;
}
export interface RawLesson {
  id: string;
  steps: RawStep[];
}

/** lessons/<id>.yaml as written. */
export async function lessonFile(id: string): Promise<RawLesson> {
  return parse(await readFile(join(LESSONS, `${id}.yaml`), 'utf8')) as RawLesson;
}

/** The lesson ids of lessons/manifest.yaml, in order. */
export async function manifestIds(): Promise<string[]> {
  return (parse(await readFile(join(LESSONS, 'manifest.yaml'), 'utf8')) as { lessons: string[] }).lessons;
}
