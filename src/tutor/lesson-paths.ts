import { join, resolve } from 'node:path';
import { packageFile } from '../package-root.js';

/**
 * Where lessons live, without the YAML parser and zod: `l7lab lessons` and `learn` name the
 * directory before they know whether they must parse anything (lesson-index.ts).
 */

/**
 * lessons/ ships next to dist/ and src/ in the package. L7LAB_LESSONS_DIR points elsewhere,
 * so a lesson author can try a draft directory (and tests can break a copy on purpose).
 */
export function defaultLessonsDir(env: NodeJS.ProcessEnv = process.env): string {
  const own = env.L7LAB_LESSONS_DIR;
  if (own !== undefined && own !== '') return resolve(own);
  return packageFile('lessons');
}

export const MANIFEST_FILE = 'manifest.yaml';

export function lessonFile(dir: string, id: string): string {
  return join(dir, `${id}.yaml`);
}
