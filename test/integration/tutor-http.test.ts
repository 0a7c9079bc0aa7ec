import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadLesson } from '../../src/tutor/loader.js';
import { startLab } from '../../src/lab.js';
import { runLesson } from '../../src/tutor/runner.js';
import { drivenPrompts, type Plan, type Policy } from '../unit/tutor/driven-prompts.js';
import { squash } from '../support/text.js';

/**
 * The request step's ways forward on the real lab (HTTP server, web app, SMTP): after a
 * request that missed, the answer shows each line to type, Reset rebuilds the lab and replays
 * the earlier requests (the ETag is captured again), Skip sends the suggested request. Unplanned
 * prompts type exactly what the prompt suggests, and the empty line at the end.
 */
const LESSONS = join(process.cwd(), 'lessons');

/** "[browser] Line 2, type: Host: localhost:1234" -> the suggested line; the empty-line prompt -> "". */
const typeTheSuggestion: Policy = (_step, kind, message) => (kind === 'input' ? (/ type: (.*)$/.exec(message)?.[1] ?? '') : undefined);

async function take(plan: Plan) {
  const lesson = await loadLesson('http', LESSONS);
  let text = '';
  const prompts = drivenPrompts(lesson, () => text, plan, typeTheSuggestion);
  const result = await runLesson({ lesson, lang: 'en', auto: false, prompts, write: (t) => (text += t), startLab, timeoutMs: 5000 });
  return { result, text, prompts };
}

describe('the http lesson taken with mistakes, on the real lab', () => {
  it('answer, reset and skip each lead on, and the lesson ends with every reply as expected', async () => {
    const r = await take({
      // Host forgotten: 400; the answer lists the lines.
      get: ['GET /hello.txt HTTP/1.1', '', 'answer'],
      // If-None-Match forgotten: 200, not 304; Reset replays the earlier steps on a fresh lab.
      conditional: ['GET /hello.txt HTTP/1.1', 'Host: localhost', '', 'reset'],
      // A path that does not exist: 404; Skip sends the suggested request.
      redirect: ['GET /new HTTP/1.1', 'Host: localhost', '', 'skip'],
    });
    expect(r.result).toMatchObject({ completed: true, mismatches: [] });
    expect(r.prompts.unused()).toEqual({});
    const text = squash(r.text);
    expect(text).toContain(squash('The empty line ended the request before the Host field'));
    expect(text).toContain(squash('Answer: type these lines, then the empty line: GET /hello.txt HTTP/1.1'));
    expect(text).toContain(squash('The empty line ended the request too early: it still needs If-None-Match: "hello-v1".'));
    expect(text).toContain(squash('A fresh lab'));
    expect(r.text).toMatch(/browser S: HTTP\/1\.1 304 Not Modified/);
    expect(r.text).toMatch(/browser S: HTTP\/1\.1 404 /);
    expect(text).toContain(squash('Skipped: l7lab sends this request: GET /old HTTP/1.1'));
    expect(r.text).toMatch(/browser S: HTTP\/1\.1 301 Moved Permanently/);
  });
});
