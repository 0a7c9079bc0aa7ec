import { describe, expect, it } from 'vitest';
import { KNOWLEDGE } from '../../../src/protocols/registry.js';
import { ensureTag, hasTag, isTag, TagCounter } from '../../../src/practice/tags.js';

const commands = new Set(KNOWLEDGE.imap.commands.keys());

describe('IMAP tag detection (RFC 3501 2.2.1, 9)', () => {
  it.each([
    ['SELECT INBOX', false],
    ['select inbox', false],
    ['NOOP', false],
    ['a1 SELECT INBOX', true],
    ['A001 LOGIN bob builder', true],
    ['tag.with.dots NOOP', true],
    ['UID FETCH 1:* FLAGS', false],
    ['x UID FETCH 1:* FLAGS', true],
    ['LIST "" *', false],
    ['a1 LIST "" *', true],
    // a mailbox called LIST: the first word is the command
    ['SELECT LIST', false],
    // unknown commands: a tag then a command-shaped word is tagged; a command then arguments is not
    ['a1 XAPPLEPUSHSERVICE', true],
    ['XLIST "" *', false],
    // not tags: "+" and list wildcards are not allowed in a tag
    ['+a NOOP', false],
    ['a* NOOP', false],
    ['(a NOOP', false],
    ['', false],
  ])('%j has a tag: %s', (line, expected) => {
    expect(hasTag(line, commands)).toBe(expected);
  });

  it('knows what a tag may contain', () => {
    expect(isTag('a1')).toBe(true);
    expect(isTag('A.b-c_d]')).toBe(true);
    for (const bad of ['', 'a b', 'a+', 'a%', 'a*', 'a"', 'a\\', 'a{', 'a(', 'a)', 'a\x01', 'é']) expect(isTag(bad), bad).toBe(false);
  });
});

describe('ensureTag', () => {
  it('numbers the commands it tags: the third command gets a3', () => {
    const counter = new TagCounter();
    expect(ensureTag('CAPABILITY', commands, counter).line).toBe('a1 CAPABILITY');
    expect(ensureTag('LOGIN bob builder', commands, counter).line).toBe('a2 LOGIN bob builder');
    const third = ensureTag('SELECT INBOX', commands, counter);
    expect(third).toEqual({ line: 'a3 SELECT INBOX', tag: 'a3', added: true });
  });

  it('leaves a typed tag alone and counts on after a tag in the same style', () => {
    const counter = new TagCounter();
    expect(ensureTag('a7 NOOP', commands, counter)).toEqual({ line: 'a7 NOOP', tag: 'a7', added: false });
    expect(ensureTag('NOOP', commands, counter).tag).toBe('a8');
    expect(ensureTag('zz9 NOOP', commands, counter).added).toBe(false);
    expect(ensureTag('NOOP', commands, counter).tag).toBe('a9');
  });

  it('drops leading spaces before adding a tag, so the tag starts the line', () => {
    expect(ensureTag('   NOOP', commands, new TagCounter()).line).toBe('a1 NOOP');
  });
});
