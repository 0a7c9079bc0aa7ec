import { copyFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadLabCertificate } from '../../src/tls/lab-cert.js';
import { runBinIn, type Run } from '../support/bin.js';
import { scratch } from '../support/scratch.js';

/**
 * Error lines under Japanese stay Japanese (issue 21): a bad --lang value is said in the
 * locale's language, and a certificate serve cannot use is explained without OpenSSL's or
 * the file system's English. Runs the built bin (`npm run build` first).
 */
const { tempDir, suiteDir } = scratch('l7lab-ja-errors-');
const home = suiteDir();
const JA = { LANG: 'ja_JP.UTF-8' };

function l7lab(args: string[], env: Record<string, string> = {}): Promise<Run> {
  return runBinIn(home, args, env, 30_000);
}

/** The line with the paths and flags taken out: what is left is prose, which must not be English. */
function prose(line: string, ...words: string[]): string {
  let rest = line.replace(/^l7lab: /, '');
  for (const w of words) rest = rest.split(w).join('');
  return rest.replace(/--[a-z-]+/g, '');
}

describe('unknown --lang value', { timeout: 60_000 }, () => {
  it.each([
    [['learn', '--lang', 'fr']],
    [['lessons', '--lang', 'fr']],
    [['practice', 'smtp', '--lang', 'fr']],
    [['serve', '--memory', '--lang', 'fr']],
  ])('%j under a Japanese locale says so in Japanese (exit 2)', async (args) => {
    const run = await l7lab(args, JA);
    expect(run.code).toBe(2);
    expect(run.stderr.trim()).toBe('l7lab: 言語 "fr" には対応していません。en か ja を指定してください');
  });

  it('names the command where it did before (mail:, ports:), in either language', async () => {
    expect((await l7lab(['mail', 'list', '--lang', 'fr'], JA)).stderr.trim()).toBe('l7lab: mail: 言語 "fr" には対応していません。en か ja を指定してください');
    expect((await l7lab(['ports', '--lang', 'fr'])).stderr.trim()).toBe('l7lab: ports: unknown language "fr": use en or ja');
  });

  it('stays English under the C locale', async () => {
    const run = await l7lab(['learn', '--lang', 'fr']);
    expect(run.code).toBe(2);
    expect(run.stderr.trim()).toBe('l7lab: unknown language "fr": use en or ja');
  });
});

describe('serve --tls-cert that cannot be used, --lang ja', { timeout: 60_000 }, () => {
  it('a missing file: one Japanese line, exit 1', async () => {
    const dir = tempDir();
    const cert = join(dir, 'missing.pem');
    const key = join(dir, 'missing-key.pem');
    const run = await l7lab(['serve', '--memory', '--tls-cert', cert, '--tls-key', key, '--lang', 'ja']);
    expect(run.code).toBe(1);
    const line = run.stderr.trim();
    expect(line).toBe(`l7lab: ${cert} または ${key} を読めません。ファイルがありません。または --no-tls で起動してください`);
    expect(run.stdout).toBe('');
  });

  it('a file that is no certificate: no OpenSSL English in the Japanese line', async () => {
    const dir = tempDir();
    const junk = join(dir, 'junk.pem');
    writeFileSync(junk, 'not a certificate\n');
    const run = await l7lab(['serve', '--memory', '--tls-cert', junk, '--tls-key', junk, '--lang', 'ja']);
    expect(run.code).toBe(1);
    const line = run.stderr.trim();
    expect(line).toContain(`${junk} は PEM 形式の証明書ではありません`);
    expect(prose(line, junk, 'PEM')).not.toMatch(/[A-Za-z]{3,}/);
  });

  it('a key of another certificate: said in Japanese; in English it keeps the old words', async () => {
    const dir = tempDir();
    const [a, b] = [join(dir, 'a'), join(dir, 'b')];
    const pa = await loadLabCertificate({ dir: a });
    const pb = await loadLabCertificate({ dir: b });
    const key = join(dir, 'other-key.pem');
    copyFileSync(pb.keyPath, key);
    const ja = await l7lab(['serve', '--memory', '--tls-cert', pa.certPath, '--tls-key', key, '--lang', 'ja']);
    expect(ja.code).toBe(1);
    expect(ja.stderr.trim()).toBe(`l7lab: ${key} は ${pa.certPath} と組み合わせて使えません。この鍵はその証明書のものではありません。または --no-tls で起動してください`);
    const en = await l7lab(['serve', '--memory', '--tls-cert', pa.certPath, '--tls-key', key, '--lang', 'en']);
    expect(en.code).toBe(1);
    expect(en.stderr.trim()).toBe(`l7lab: ${key} cannot be used with ${pa.certPath}: the key does not belong to the certificate; or run with --no-tls`);
  });
});

describe('a data or store directory serve cannot use, --lang ja', { timeout: 60_000 }, () => {
  // A file where a directory must be: Node says "ENOTDIR: not a directory, open ..." in English.
  it('the lab certificate: the code and path stay, the English goes', async () => {
    const dir = tempDir();
    const file = join(dir, 'file');
    writeFileSync(file, '');
    const ja = await l7lab(['serve', '--memory', '--lang', 'ja'], { XDG_DATA_HOME: file });
    expect(ja.code).toBe(1);
    expect(ja.stderr.trim()).toBe(`l7lab: ラボの証明書を用意できません (ENOTDIR ${join(file, 'l7lab', 'tls', 'lab-cert.pem')})。--tls-cert/--tls-key で指定するか、--no-tls で起動してください`);
    const en = await l7lab(['serve', '--memory', '--lang', 'en'], { XDG_DATA_HOME: file });
    expect(en.stderr.trim()).toMatch(/^l7lab: cannot prepare the lab certificate: ENOTDIR: not a directory, /);
  });

  it('the mail store', async () => {
    const dir = tempDir();
    const file = join(dir, 'file');
    writeFileSync(file, '');
    const store = join(file, 'store');
    const run = await l7lab(['serve', '--store', store, '--no-tls', '--lang', 'ja']);
    expect(run.code).toBe(1);
    expect(run.stderr.trim()).toBe(`l7lab: メールの保存先 ${store} を作れません (ENOTDIR ${store})。--store <dir> で別の場所を選ぶか、--memory を使ってください`);
  });
});

describe('serve --fail with a rule that cannot be used, --lang ja', { timeout: 60_000 }, () => {
  it('the reason is Japanese too, with the rule quoted as typed (exit 2, nothing listens)', async () => {
    const run = await l7lab(['serve', '--memory', '--no-tls', '--fail', 'rcpt:*=250', '--lang', 'ja']);
    expect(run.code).toBe(2);
    const line = run.stderr.trim();
    expect(line).toBe(
      'l7lab: --fail に誤りがあります: 失敗ルール「rcpt:*=250」は使えません: 250 は失敗の応答ではありません: 4xx（一時的）か 5xx（恒久的）のコードを使ってください。stage:pattern=action の形で書いてください（例: rcpt:*@bounce.test=550 5.1.1）',
    );
  });

  it('a --fail-file names the line in Japanese', async () => {
    const file = join(tempDir(), 'rules.txt');
    writeFileSync(file, '# bounces\nrcpt:*=550\nbounce:*=550\n');
    const run = await l7lab(['serve', '--memory', '--no-tls', '--fail-file', file, '--lang', 'ja']);
    expect(run.code).toBe(2);
    const line = run.stderr.trim();
    expect(line).toContain('3 行目: 失敗ルール「bounce:*=550」は使えません: 先頭に段階を書いてください: ');
    expect(prose(line, file, 'bounce:*=550', 'stage:pattern=action', 'rcpt:*@bounce.test=550 5.1.1', 'mail:, rcpt:, data:, auth:')).not.toMatch(/[A-Za-z]{3,}/);
  });
});
