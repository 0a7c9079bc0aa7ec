import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PRIVATE_DIR, PRIVATE_FILE } from '../../src/limits.js';
import { openStore } from '../../src/mailstore/open.js';
import { History } from '../../src/practice/history.js';
import { ProgressStore } from '../../src/tutor/progress.js';
import { scratch } from '../support/scratch.js';

/**
 * Issue 20, item 6: with umask 000 the store root was 0777 and `.l7lab-uidvalidity` 0666.
 * Everything l7lab creates is private whatever the umask: folders 0700, files 0600.
 */
const { tempDir } = scratch('l7lab-modes-');
let umask = 0;
beforeAll(() => {
  umask = process.umask(0);
});
afterAll(() => {
  process.umask(umask);
});

/** Every path under `dir` whose mode is not the private one, with its mode. */
function notPrivate(dir: string): string[] {
  const wrong: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    const st = statSync(path);
    const mode = st.mode & 0o777;
    if (st.isDirectory()) {
      if (mode !== PRIVATE_DIR) wrong.push(`${path} ${mode.toString(8)}`);
      wrong.push(...notPrivate(path));
    } else if (mode !== PRIVATE_FILE) wrong.push(`${path} ${mode.toString(8)}`);
  }
  return wrong;
}

describe('file modes under umask 000', () => {
  it('the Maildir store, its transcripts, lesson progress and shell history are all private', async () => {
    const dir = tempDir();
    const store = openStore({ dir: join(dir, 'store') });
    const raw = Buffer.from('Subject: hi\r\n\r\nbody\r\n');
    const [delivered] = await store.deliver({ from: 'a@x.test', to: ['alice@x.test'] }, raw);
    await store.createMailbox('alice', 'Work');
    await store.setSubscribed('alice', 'Work', true);
    const meta = await store.append('alice', 'Work', raw, ['$Label1']);
    await store.setFlags('alice', 'Work', meta.uid, ['\\Seen', '$Label2']);
    if (delivered) await store.saveTranscript(delivered.meta.id, { lang: 'en', events: [] });
    await store.close();

    const progress = await ProgressStore.open(join(dir, 'state', 'l7lab', 'progress.json'));
    await progress.watched('smtp-basics');
    const history = await History.open(join(dir, 'state', 'history', 'smtp'));
    await history.add('EHLO x.test');

    expect(statSync(join(dir, 'store', '.l7lab-uidvalidity')).isFile()).toBe(true); // the file the issue named is there
    expect(notPrivate(dir)).toEqual([]);
  });
});
