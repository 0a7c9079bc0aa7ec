import { describe, expect, it } from 'vitest';
import { runBinIn, type Run } from '../support/bin.js';
import { scratch } from '../support/scratch.js';
import { squash, textsOf } from '../support/text.js';
import { LANGS, lessonFile, manifestIds, type Lang, type RawChoice, type RawStep } from '../support/lesson-files.js';
import { displayWidth } from '../../src/ui/width.js';

/**
 * The web lessons of issue 16 (http, https) and the web in application-layer and review,
 * played through the built bin against the real lab (HTTP server, web app, SMTP) on loopback
 * in both languages; and the facts each must state, in English and in Japanese. Run
 * `npm run build` first (npm test does).
 */


const home = scratch('l7lab-lessons-http-').suiteDir();

function l7lab(args: string[]): Promise<Run> {
  return runBinIn(home, args, { L7LAB_LESSONS_DIR: '' }, 90_000);
}


/** What each lesson must teach, in both languages (issue 16, "Learning it"). */
const FACTS: Record<string, Record<Lang, RegExp[]>> = {
  http: {
    en: [/Host field/, /a server must answer 400/, /first digit of a status code is its class/, /Content-Length says how many bytes/, /chunk of size 0 is the last/, /HEAD asks/, /304 Not Modified/, /301 Moved Permanently/, /Connection: close/, /keeps it open for the next request/],
    ja: [/Host フィールド/, /サーバーは 400 を返さなければなりません/, /最初の数字がそのクラス/, /Content-Length は内容が何バイトあるか/, /サイズ 0 のチャンクが最後/, /HEAD は/, /304 Not Modified/, /301 Moved Permanently/, /Connection: close/, /次のリクエストのために接続を開いたまま/],
  },
  https: {
    en: [/port 443/, /SHA-256 fingerprint/, /IP\s+addresses and the ports are in every packet/, /server name \(SNI\) in clear text/, /ALPN/, /h2 \(HTTP\/2\) and http\/1\.1/, /Do not click through the warning/, /lab-cert\.pem/],
    ja: [/ポート 443/, /SHA-256 のフィンガープリント/, /IP アドレスとポートはすべてのパケット/, /サーバー名（SNI）を平文で/, /ALPN/, /h2（HTTP\/2）と http\/1\.1/, /警告を押し切って進まないでください/, /lab-cert\.pem/],
  },
  'application-layer': {
    en: [/HTTP on\s+port 80/, /HTTPS, which is HTTP inside TLS, on port 443/],
    ja: [/ポート 80 の HTTP/, /HTTPS をポート 443/],
  },
};

describe('the web lessons state their facts in English and Japanese', () => {
  for (const [id, facts] of Object.entries(FACTS)) {
    it(id, async () => {
      const texts = textsOf(await lessonFile(id));
      for (const lang of LANGS) for (const fact of facts[lang]) expect(texts[lang].join('\n'), `${id} (${lang})`).toMatch(fact);
    });
  }

  it('sit after tls and before review in the manifest', async () => {
    const ids = await manifestIds();
    expect(ids.slice(ids.indexOf('tls'))).toEqual(['tls', 'http', 'https', 'dns', 'spf-dkim', 'review']);
  });
});

function rightAnswer(step: RawStep, lang: Lang): string {
  const right = (step.choices ?? []).filter((c) => c.correct === true);
  expect(right).toHaveLength(1);
  return (right[0] as RawChoice).text[lang];
}

async function play(id: string, lang: Lang): Promise<string> {
  const run = await l7lab(['learn', id, '--auto', '--lang', lang]);
  expect(run.stderr).toBe('');
  expect(run.stdout).not.toContain('MISMATCH');
  expect(run.code).toBe(0);
  expect(run.stdout).toContain(lang === 'en' ? 'Lesson complete' : 'レッスン完了');
  // Off a terminal the width is 80: every line the tutor wrote fits, in both languages (wire lines are never wrapped).
  const tutorLines = run.stdout.split('\n').filter((l) => !/^\S+ [CS]: /.test(l));
  expect(tutorLines.filter((l) => displayWidth(l) > 80)).toEqual([]);
  for (const q of (await lessonFile(id)).steps.filter((s) => s.kind === 'quiz')) {
    expect(squash(run.stdout)).toContain(squash(`${lang === 'en' ? 'The right answer: ' : '正解: '}${rightAnswer(q, lang)}`));
  }
  return run.stdout;
}

describe('the web lessons play in --auto against the real lab', { timeout: 120_000 }, () => {
  for (const lang of LANGS) {
    it(`http (${lang}): 400 without Host, 200 with an ETag, chunk sizes, HEAD, 304, 301, the JSON API shows the mail sent by SMTP`, async () => {
      const out = await play('http', lang);
      expect(out).toMatch(/^browser C: GET \/ HTTP\/1\.1/m);
      expect(out).toMatch(/^browser S: HTTP\/1\.1 400 /m);
      expect(out).toMatch(/^browser C: Host: localhost:\d+/m);
      const etag = /^browser S: ETag: (\S+)/im.exec(out)?.[1];
      expect(etag).toBeDefined();
      expect(out).toMatch(/^browser S: Transfer-Encoding: chunked/im);
      expect(out).toMatch(/^browser S: 0(\\r\\n)?$/m);
      expect(out).toContain(`browser C: If-None-Match: ${etag}`);
      expect(out).toMatch(/^browser S: HTTP\/1\.1 304 /m);
      expect(out).toMatch(/^browser S: HTTP\/1\.1 301 /m);
      expect(out).toMatch(/^browser S: Location: \S*\/hello\.txt/im);
      expect(out).toMatch(/^app S: 250 .*queued as/m);
      const api = out.indexOf('browser C: GET /api/messages HTTP/1.1');
      expect(api).toBeGreaterThan(out.indexOf('app C: RCPT TO:<bob@example.com>'));
      expect(out.slice(api)).toContain('Hello over HTTP');
    });
  }

  for (const lang of LANGS) {
    it(`https (${lang}): TLS from the first byte, the lab certificate, SNI localhost, ALPN http/1.1, the same 200`, async () => {
      const out = await play('https', lang);
      // {port.https} is the lab's implicit-TLS HTTP port, the one the banner lists and the browser connects to.
      const port = /HTTPS 127\.0\.0\.1:(\d+)/.exec(out)?.[1];
      expect(port).toBeDefined();
      expect(squash(out)).toContain(squash(lang === 'en' ? `In this lab the HTTPS port is ${port}.` : `このラボの HTTPS のポートは ${port} です。`));
      expect(out).toContain(lang === 'en' ? `browser connects to HTTPS at 127.0.0.1:${port}` : `browser が 127.0.0.1:${port} の HTTPS に接続します`);
      expect(out).toMatch(/== TLS: TLSv1\.3/);
      expect(out).toMatch(/CN=localhost/);
      expect(out).toMatch(/SHA-256 [0-9A-F]{2}(:[0-9A-F]{2}){15}/);
      expect(out).toMatch(/SNI[^\n]*: localhost/);
      expect(out).toContain('ALPN: http/1.1');
      // The handshake's explanation carries TLS's layer, L6, as the starttls step's does.
      expect(out).toMatch(/^\S*\s+L6\s+(The handshake agreed|ハンドシェイクで)/m);
      // Every line of the request and the response went inside TLS.
      expect(out).toMatch(/^browser C: \[TLS\] GET \/hello\.txt HTTP\/1\.1/m);
      expect(out).toMatch(/^browser S: \[TLS\] HTTP\/1\.1 200 /m);
    });
  }

  it('application-layer lists the lab\'s HTTP and HTTPS ports', async () => {
    const out = await play('application-layer', 'en');
    expect(out).toMatch(/HTTP \(l7lab\)|HTTP +127\.0\.0\.1/);
    expect(out).toMatch(/HTTPS \(l7lab\)|HTTPS +127\.0\.0\.1/);
  });

  it('review asks about http and https too', async () => {
    const out = await play('review', 'en');
    expect(squash(out)).toContain(squash('400 Bad Request: the Host field is missing(see the lesson http)'));
    expect(squash(out)).toContain(squash('The server name sent in the ClientHello (SNI)(see the lesson https)'));
  });
});
