import type { Problem } from './problems.js';
import type { Lesson, LocalizedText } from './schema.js';

/** The checker's count of questions: a lesson that says how many it asks must ask that many. */
const NUMBER_WORDS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve', 'thirteen', 'fourteen', 'fifteen', 'sixteen'];

/** "in nine questions" / "9 問" in a lesson's texts must be how many quiz steps it has (review said nine and asked ten). */
export function questionCountProblems(file: string, lesson: Lesson): Problem[] {
  const problems: Problem[] = [];
  const count = lesson.steps.filter((s) => s.kind === 'quiz').length;
  const texts: Array<[string, LocalizedText]> = [
    ['title', lesson.title],
    ['summary', lesson.summary],
    ...lesson.steps.flatMap((s): Array<[string, LocalizedText]> => (s.kind === 'say' ? [[`${s.id}.text`, s.text]] : [])),
  ];
  for (const [field, text] of texts) {
    const en = new RegExp(`\\b(${NUMBER_WORDS.join('|')}|\\d+) questions\\b`, 'i').exec(text.en)?.[1]?.toLowerCase();
    const ja = /(\d+) ?(?:問|つの問題)(?!ずつ)/.exec(text.ja)?.[1]; // not "1 問ずつ", one per lesson
    const said = [en === undefined ? undefined : /^\d+$/.test(en) ? Number(en) : NUMBER_WORDS.indexOf(en), ja === undefined ? undefined : Number(ja)];
    said.forEach((n, i) => {
      if (n !== undefined && n !== count) problems.push({ file, field: `${field}.${i === 0 ? 'en' : 'ja'}`, message: `says ${n} questions but the lesson asks ${count}` });
    });
  }
  return problems;
}
