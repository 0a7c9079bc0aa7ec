import { describe, expect, it } from 'vitest';
import { FAIL_MAX_DELAY_MS } from '../../../src/limits.js';
import { FailRuleError, FailureRules, failureReply, parseFailFile, parseFailRule, seededRandom } from '../../../src/protocols/smtp/failure-rules.js';

describe('failure rules: parsing', () => {
  it.each([
    ['rcpt:*@bounce.test=550 5.1.1', 'rcpt', '*@bounce.test', { kind: 'reply', code: 550, enhanced: '5.1.1', text: null }, 1],
    ['mail:*@spam.test=554', 'mail', '*@spam.test', { kind: 'reply', code: 554, enhanced: '5.7.1', text: null }, 1],
    ['data:*=451 4.3.0', 'data', '*', { kind: 'reply', code: 451, enhanced: '4.3.0', text: null }, 1],
    ['auth:*=454', 'auth', '*', { kind: 'reply', code: 454, enhanced: '4.7.0', text: null }, 1],
    ['rcpt:*@slow.test=delay 3s', 'rcpt', '*@slow.test', { kind: 'delay', ms: 3000 }, 1],
    ['rcpt:*@slow.test=delay 250ms', 'rcpt', '*@slow.test', { kind: 'delay', ms: 250 }, 1],
    ['data:*@drop.test=drop', 'data', '*@drop.test', { kind: 'drop' }, 1],
    ['data:*=451 4.3.0 @25%', 'data', '*', { kind: 'reply', code: 451, enhanced: '4.3.0', text: null }, 0.25],
    ['RCPT: *@x.test = 550 5.7.1 Relaying denied', 'rcpt', '*@x.test', { kind: 'reply', code: 550, enhanced: '5.7.1', text: 'Relaying denied' }, 1],
    ['rcpt:*=599', 'rcpt', '*', { kind: 'reply', code: 599, enhanced: '5.0.0', text: null }, 1],
  ])('%s', (text, stage, pattern, action, probability) => {
    const rule = parseFailRule(text, 'rule 1');
    expect({ stage: rule.stage, pattern: rule.pattern, action: rule.action, probability: rule.probability }).toEqual({ stage, pattern, action, probability });
  });

  it.each([
    ['*@bounce.test=550', 'it must begin with a stage'],
    ['helo:*=550', 'it must begin with a stage'],
    ['rcpt:*@x', 'the action is missing'],
    ['rcpt:=550', 'the pattern must be one word'],
    ['rcpt:a b=550', 'the pattern must be one word'],
    ['rcpt:*=250', '250 is not a failure'],
    ['rcpt:*=354', '354 is not a failure'],
    ['rcpt:*=bounce', '"bounce" is not an action'],
    ['rcpt:*=550 4.1.1', 'enhanced code 4.1.1 must begin with 5'],
    ['rcpt:*=delay soon', 'a delay is "delay <n>s"'],
    [`rcpt:*=delay ${FAIL_MAX_DELAY_MS / 1000 + 1}s`, `a delay may be at most ${FAIL_MAX_DELAY_MS / 1000}s`],
    ['rcpt:*=451 @0%', 'is not a probability'],
    ['rcpt:*=451 @150%', 'is not a probability'],
    ['rcpt:*=451 @x%', 'is not a probability'],
    ['auth:*=535', '535 is what a wrong password gets anyway'],
  ])('refuses %s: %s', (text, problem) => {
    let error: unknown;
    try {
      parseFailRule(text, 'rule 1');
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(FailRuleError);
    const message = (error as Error).message;
    expect(message).toContain(`"${text.trim()}"`);
    expect(message).toContain(problem);
    expect(message.split('\n')).toHaveLength(1);
  });

  it('reads a rule file: one a line, # comments and blank lines skipped, numbered after the --fail rules', () => {
    const rules = parseFailFile('# bounces\nrcpt:*@bounce.test=550\n\n  data:*=451 @50%  \r\n#end\n', 3);
    expect(rules.map((r) => [r.label, r.stage])).toEqual([
      ['rule 3', 'rcpt'],
      ['rule 4', 'data'],
    ]);
    expect(() => parseFailFile('rcpt:*=550\n# two\nrcpt:*=ok\n')).toThrow('line 3: invalid failure rule "rcpt:*=ok"');
  });
});

describe('failure rules: matching', () => {
  const never = () => {
    throw new Error('no randomness for a rule without @N%');
  };

  it('globs match the whole address, case-insensitively; * and ? only; regex characters are literal', () => {
    const rules = new FailureRules([parseFailRule('rcpt:*@bounce.test=550', 'rule 1'), parseFailRule('rcpt:a?c+d@x.test=551', 'rule 2')], never, false);
    expect(rules.match('rcpt', 'Bob@Bounce.TEST')?.rule.label).toBe('rule 1');
    expect(rules.match('rcpt', 'bob@bounce.test.example')).toBeNull();
    expect(rules.match('rcpt', 'abc+d@x.test')?.rule.label).toBe('rule 2');
    expect(rules.match('rcpt', 'abccd@x.test')).toBeNull();
    expect(rules.match('mail', 'bob@bounce.test')).toBeNull();
  });

  it('the first matching rule wins, in the order given', () => {
    const rules = new FailureRules([parseFailRule('rcpt:*@a.test=451', 'rule 1'), parseFailRule('rcpt:*=550', 'rule 2')], never, false);
    expect(rules.match('rcpt', 'x@a.test')?.rule.label).toBe('rule 1');
    expect(rules.match('rcpt', 'x@b.test')?.rule.label).toBe('rule 2');
  });

  it('@N% asks the injected random source: below N% fails, else the next rule or none', () => {
    const draws = [0.1, 0.9, 0.2499, 0.25];
    const rules = new FailureRules([parseFailRule('data:*=451 @25%', 'rule 1')], () => draws.shift() as number, false);
    expect([1, 2, 3, 4].map(() => rules.match('data', 'a@b.test') !== null)).toEqual([true, false, true, false]);
  });

  it('a seeded source repeats: the same seed gives the same failures', () => {
    const run = (seed: number) => {
      const rules = new FailureRules([parseFailRule('data:*=451 @50%', 'rule 1')], seededRandom(seed), false);
      return Array.from({ length: 40 }, () => (rules.match('data', 'a@b.test') ? 1 : 0)).join('');
    };
    expect(run(42)).toBe(run(42));
    expect(run(42)).not.toBe(run(43));
    const ones = run(42).split('').filter((c) => c === '1').length;
    expect(ones).toBeGreaterThan(8);
    expect(ones).toBeLessThan(32);
  });

  it('magic recipients fail with no rule; drop@ is found among the recipients at DATA; off when told', () => {
    const rules = new FailureRules([], never);
    expect(rules.match('rcpt', 'reject-550@example.com')?.action).toEqual({ kind: 'reply', code: 550, enhanced: '5.1.1', text: null });
    expect(rules.match('rcpt', 'tempfail-451@any.test')?.action).toMatchObject({ code: 451, enhanced: '4.3.0' });
    expect(rules.match('rcpt', 'reject-551@example.com')).toBeNull();
    expect(rules.match('rcpt', 'bob@example.com')).toBeNull();
    expect(rules.magicDrop(['bob@example.com', 'drop@example.com'])?.action).toEqual({ kind: 'drop' });
    expect(rules.magicDrop(['bob@example.com'])).toBeNull();
    expect(new FailureRules([], never, false).match('rcpt', 'reject-550@example.com')).toBeNull();
  });

  it('the reply says it is simulated and by which rule', () => {
    const rule = parseFailRule('rcpt:*@bounce.test=550 5.1.1', 'rule 1');
    const hit = { rule, action: rule.action as { kind: 'reply'; code: number; enhanced: string; text: string | null } };
    expect(failureReply(hit, 'x@bounce.test')).toBe('550 5.1.1 <x@bounce.test>: Mailbox unavailable: no such user: simulated failure (l7lab rule 1)');
    expect(failureReply(hit, null)).toBe('550 5.1.1 Mailbox unavailable: no such user: simulated failure (l7lab rule 1)');
  });
});

describe('why a rule is refused, in both languages', () => {
  const BAD = ['bounce:*=550', 'rcpt:*', 'rcpt:two words=550', 'rcpt:*=delay soon', 'rcpt:*=delay 999s', 'rcpt:*=ok', 'rcpt:*=250', 'auth:*=535', 'rcpt:*=550 4.1.1', 'rcpt:*=451 @0%'];
  const problemOf = (text: string): FailRuleError => {
    try {
      parseFailRule(text, 'rule 1');
    } catch (err) {
      if (err instanceof FailRuleError) return err;
    }
    throw new Error(`${text} was accepted`);
  };

  it('each problem has its own words, in English as the message and in Japanese from describe()', () => {
    const kinds = BAD.map((t) => problemOf(t).problem.kind);
    expect(new Set(kinds).size).toBe(BAD.length);
    for (const text of BAD) {
      const err = problemOf(text);
      expect(err.describe('en')).toBe(err.message);
      const ja = err.describe('ja');
      expect(ja).toContain(`「${text}」`);
      // Only the rule, codes, the syntax example and RFC names may be Latin: no English prose.
      const prose = ja.replace(/stage:pattern=action|rcpt:\*@bounce\.test=550 5\.1\.1|RFC \d+|delay <n>m?s|"?delay 3s"?|drop|mail:, rcpt:, data:, auth:|\*@bounce\.test/g, '').split(text).join('').replace(/\d\.\d\.\d|[0-9x]+/g, '');
      expect(prose, ja).not.toMatch(/[A-Za-z]{3,}/);
      expect(ja.split('\n')).toHaveLength(1);
    }
  });

  it('a --fail-file line number is said in either language', () => {
    let error: unknown;
    try {
      parseFailFile('rcpt:*=550\nrcpt:*=ok\n');
    } catch (err) {
      error = err;
    }
    expect((error as FailRuleError).describe('ja')).toMatch(/^2 行目: 失敗ルール「rcpt:\*=ok」は使えません/);
    expect((error as FailRuleError).describe('en')).toMatch(/^line 2: invalid failure rule "rcpt:\*=ok"/);
  });
});
