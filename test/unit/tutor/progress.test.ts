import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { ProgressStore, progressPath } from '../../../src/tutor/progress.js';
import { scratch } from '../../support/scratch.js';

let dir: string;
let file: string;
const clock = () => new Date('2025-01-02T03:04:05.678Z');

const { tempDir } = scratch('l7lab-progress-');
beforeEach(() => {
  dir = tempDir();
  file = join(dir, 'nested', 'progress.json');
});

describe('ProgressStore', () => {
  it('lives under $XDG_STATE_HOME/l7lab', () => {
    expect(progressPath({ XDG_STATE_HOME: '/x/state', HOME: '/home/u' })).toBe('/x/state/l7lab/progress.json');
    expect(progressPath({ HOME: '/home/u' })).toBe('/home/u/.local/state/l7lab/progress.json');
  });

  it('starts empty when there is no file, and saves each step so a new process sees it', async () => {
    const p = await ProgressStore.open(file, clock);
    expect(p.status('smtp-basics')).toBe('new');
    await p.markStep('smtp-basics', 'connect');
    await p.markStep('smtp-basics', 'ehlo');
    await p.markStep('smtp-basics', 'ehlo');
    const again = await ProgressStore.open(file, clock);
    expect(again.lesson('smtp-basics')?.done).toEqual(['connect', 'ehlo']);
    expect(again.status('smtp-basics')).toBe('started');
    expect(again.last).toBe('smtp-basics');
  });

  it('marks a lesson done with what the learner did', async () => {
    const p = await ProgressStore.open(file, clock);
    await p.complete('smtp-basics', { commands: 7, replies: { '250': 4, '503': 1 } });
    const again = await ProgressStore.open(file, clock);
    expect(again.status('smtp-basics')).toBe('done');
    expect(again.lesson('smtp-basics')?.stats).toEqual({ commands: 7, replies: { '250': 4, '503': 1 } });
  });

  it('writes atomically: the file is always whole JSON and no temporary file is left behind', async () => {
    const p = await ProgressStore.open(file, clock);
    await Promise.all(['a', 'b', 'c', 'd'].map((s) => p.markStep('l', s)));
    const text = await readFile(file, 'utf8');
    expect(JSON.parse(text).lessons.l.done.sort()).toEqual(['a', 'b', 'c', 'd']);
    expect(await readdir(join(dir, 'nested'))).toEqual(['progress.json']);
  });

  it('sets a corrupt file aside with a time suffix and starts fresh, without throwing', async () => {
    await (await ProgressStore.open(file, clock)).markStep('l', 'a');
    await writeFile(file, '{"version": 1, "lessons": {"l": {"done": "not a list"');
    const p = await ProgressStore.open(file, clock);
    expect(p.setAside).toBe(`${file}.corrupt-2025-01-02T03-04-05-678Z`);
    expect(p.status('l')).toBe('new');
    expect(await readFile(p.setAside as string, 'utf8')).toContain('not a list');
    await p.markStep('l', 'b');
    expect(JSON.parse(await readFile(file, 'utf8')).lessons.l.done).toEqual(['b']);
  });

  it('treats valid JSON of the wrong shape as corrupt too', async () => {
    await writeFile(join(dir, 'p.json'), '[1, 2, 3]');
    const p = await ProgressStore.open(join(dir, 'p.json'), clock);
    expect(p.setAside).not.toBeNull();
  });

  it('resets one lesson or all', async () => {
    const p = await ProgressStore.open(file, clock);
    await p.markStep('a', 's1');
    await p.markStep('b', 's1');
    await p.reset('a');
    expect([p.status('a'), p.status('b')]).toEqual(['new', 'started']);
    await p.reset();
    expect((await ProgressStore.open(file, clock)).status('b')).toBe('new');
  });
});
