import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { labQueryProblems } from '../../../src/tutor/check-query-lab.js';
import { loadLesson } from '../../../src/tutor/loader.js';
import { lesson as lessonSchema, type Lesson } from '../../../src/tutor/schema.js';

/**
 * The checker asks each query step's suggested query of the lab's own zones, in memory (the
 * servers' pure answers and the resolver's walk, no sockets), and rejects an expectation the
 * lab cannot meet.
 */
function lessonWith(steps: Array<Record<string, unknown>>): Lesson {
  const base = { text: { en: 't', ja: 't' }, hint: { en: 'h', ja: 'h' }, explain: { en: 'e', ja: 'e' } };
  return lessonSchema.parse({
    id: 'x',
    title: { en: 'x', ja: 'x' },
    summary: { en: 'x', ja: 'x' },
    minutes: 5,
    labs: { main: { protocols: ['dns'] } },
    steps: steps.map((s, i) => ({ id: `q${i}`, kind: 'query', ...base, ...s })),
  });
}

describe('labQueryProblems', () => {
  it('finds nothing wrong with the dns lesson as shipped', async () => {
    expect(await labQueryProblems(await loadLesson('dns', join(process.cwd(), 'lessons')))).toEqual([]);
  });

  it('accepts what the lab answers: MX, NODATA, NXDOMAIN, a referral from the root, AA from the zone', async () => {
    const problems = await labQueryProblems(
      lessonWith([
        { query: 'MX example.net', expect: { answer: 'MX' } },
        { query: 'MX nomx.example.test', expect: { nodata: true, soa: true } },
        { query: 'A nowhere.example.test', expect: { rcode: 'NXDOMAIN', soa: true } },
        { query: 'A www.example.test +norec @root', expect: { referral: true, aa: false } },
        { query: 'A www.example.test +norec @ns.example.test', expect: { answer: 'CNAME', aa: true } },
      ]),
    );
    expect(problems).toEqual([]);
  });

  it('rejects what the lab cannot answer, saying what it answers instead', async () => {
    const problems = await labQueryProblems(
      lessonWith([
        { query: 'MX nomx.example.test', expect: { answer: 'MX' } },
        { query: 'A www.example.test +norec @ns.example.test', expect: { referral: true } },
        { query: 'A example.test +norec @ns.nowhere.test', expect: { answer: 'A' } },
      ]),
    );
    expect(problems).toEqual([
      { step: 'q0', field: 'expect', message: 'the lab DNS answers "MX nomx.example.test" with NOERROR NODATA AA clear, not NOERROR MX' },
      { step: 'q1', field: 'expect', message: 'the lab DNS answers "A www.example.test +norec @ns.example.test" with NOERROR CNAME A AA set, not NOERROR referral' },
      { step: 'q2', field: 'query', message: 'no lab DNS server is called @ns.nowhere.test' },
    ]);
  });
});
