import type { AuthText } from './types.js';

/** The DKIM steps (RFC 6376), in English and Japanese; {name} is a step parameter. */
export const DKIM_TEXTS: Record<string, AuthText> = {
  'dkim.too-many': {
    en: 'More than {limit} signatures: the lab checks the first {limit} only (RFC 6376 6.1 lets a verifier limit them).',
    ja: '署名が {limit} 個を超えています。ラボは最初の {limit} 個だけを確かめます（RFC 6376 6.1 は検証者が数を制限することを認めています）。',
  },
  'dkim.tags-bad': {
    en: 'The DKIM-Signature field is not a valid tag=value list ({reason}): permerror (RFC 6376 3.2).',
    ja: 'DKIM-Signature フィールドが正しい「タグ=値」の並びではありません（{reason}）。permerror です（RFC 6376 3.2）。',
  },
  'dkim.sig-missing': {
    en: 'The signature lacks required tags ({value}): permerror (RFC 6376 3.5, 6.1.1).',
    ja: '署名に必須のタグ（{value}）がありません。permerror です（RFC 6376 3.5、6.1.1）。',
  },
  'dkim.sig-version': {
    en: 'v={value}: only version 1 exists: permerror (RFC 6376 3.5).',
    ja: 'v={value}: バージョンは 1 しかないので permerror です（RFC 6376 3.5）。',
  },
  'dkim.sig-algorithm': {
    en: 'a={value}: the lab verifies rsa-sha256 only; rsa-sha1 must not be used (RFC 8301 3.1): permerror.',
    ja: 'a={value}: ラボが検証するのは rsa-sha256 だけです。rsa-sha1 は使ってはなりません（RFC 8301 3.1）。permerror です。',
  },
  'dkim.sig-canon': {
    en: 'c={value}: canonicalization is simple or relaxed, for the header and the body (RFC 6376 3.4): permerror.',
    ja: 'c={value}: 正規化はヘッダーと本文それぞれ simple か relaxed です（RFC 6376 3.4）。permerror です。',
  },
  'dkim.sig-from-unsigned': {
    en: 'h={value} does not include From, which every signature must cover: permerror (RFC 6376 5.4, 6.1.1).',
    ja: 'h={value} に From がありません。From はどの署名も必ず対象にしなければならないので permerror です（RFC 6376 5.4、6.1.1）。',
  },
  'dkim.sig-identity': {
    en: 'i={value} is not in the d= domain or below it: permerror (RFC 6376 6.1.1).',
    ja: 'i={value} が d= のドメインかそのサブドメインではないので permerror です（RFC 6376 6.1.1）。',
  },
  'dkim.sig-number': {
    en: '{value} is not a number: permerror (RFC 6376 3.5).',
    ja: '{value} は数値ではないので permerror です（RFC 6376 3.5）。',
  },
  'dkim.signature': {
    en: 'A signature by d={domain} with selector s={selector}, canonicalization {canon}, covering the fields {headers} (RFC 6376 3.5).',
    ja: 'd={domain} による、セレクター s={selector}、正規化 {canon} の署名です。対象のフィールドは {headers} です（RFC 6376 3.5）。',
  },
  'dkim.expired': {
    en: 'The signature expired at {expires} (x=): permerror (RFC 6376 3.5).',
    ja: '署名は {expires} に期限切れ（x=）になっているので permerror です（RFC 6376 3.5）。',
  },
  'dkim.key-lookup': {
    en: 'The public key is a TXT record at {name}: selector, "_domainkey", domain (RFC 6376 3.6.2.1).',
    ja: '公開鍵は {name} の TXT レコードです。セレクター、「_domainkey」、ドメインの順に並べた名前です（RFC 6376 3.6.2.1）。',
  },
  'dkim.key-dns-error': {
    en: 'The DNS question for {name} failed: temperror, try again later (RFC 6376 6.1.2).',
    ja: '{name} への DNS 問い合わせが失敗しました。temperror で、後でやり直せば通るかもしれません（RFC 6376 6.1.2）。',
  },
  'dkim.key-missing': {
    en: 'No key record at {name}: permerror, "no key for signature" (RFC 6376 6.1.2).',
    ja: '{name} に鍵のレコードがありません。permerror（署名の鍵がない）です（RFC 6376 6.1.2）。',
  },
  'dkim.key-revoked': {
    en: 'The key record at {name} has an empty p=: the key was revoked, so nothing it signed verifies: permerror (RFC 6376 3.6.1).',
    ja: '{name} の鍵のレコードは p= が空です。鍵が失効しているので、その鍵の署名はどれも検証できません。permerror です（RFC 6376 3.6.1）。',
  },
  'dkim.key-bad': {
    en: 'The key record at {name} cannot be used ({reason}): permerror (RFC 6376 3.6.1, 6.1.2).',
    ja: '{name} の鍵のレコードは使えません（{reason}）。permerror です（RFC 6376 3.6.1、6.1.2）。',
  },
  'dkim.key-size': {
    en: 'The key at {name} has {bits} bits; the lab accepts 1024 to 4096 (RFC 8301 3.2): permerror.',
    ja: '{name} の鍵は {bits} ビットです。ラボが受け付けるのは 1024 から 4096 ビットです（RFC 8301 3.2）。permerror です。',
  },
  'dkim.key': {
    en: 'The key record at {name} holds a {bits}-bit RSA public key (RFC 6376 3.6.1).',
    ja: '{name} の鍵のレコードには {bits} ビットの RSA 公開鍵があります（RFC 6376 3.6.1）。',
  },
  'dkim.body-length': {
    en: 'l={length}: only the first {length} of the {total} octets of the canonical body are signed. Anything appended after them goes unnoticed, which is why l= is dangerous (RFC 6376 8.2).',
    ja: 'l={length}: 正規化した本文 {total} オクテットのうち、最初の {length} オクテットだけが署名の対象です。その後に書き足されたものは気づかれないので、l= は危険です（RFC 6376 8.2）。',
  },
  'dkim.body-hash-good': {
    en: 'The body, canonicalized and hashed with SHA-256, gives {computed}, the same as bh=: the body is as signed (RFC 6376 3.7).',
    ja: '本文を正規化して SHA-256 でハッシュすると {computed} になり、bh= と同じです。本文は署名されたときのままです（RFC 6376 3.7）。',
  },
  'dkim.body-hash-bad': {
    en: 'The body, canonicalized and hashed with SHA-256, gives {computed}, but bh= says {bh}: the body changed after signing: fail (RFC 6376 3.7, 6.1.3).',
    ja: '本文を正規化して SHA-256 でハッシュすると {computed} ですが、bh= は {bh} です。署名の後で本文が変わったので fail です（RFC 6376 3.7、6.1.3）。',
  },
  'dkim.fields': {
    en: 'The {count} signed fields, canonicalized ({canon}), bottom-up when a name repeats (RFC 6376 3.4, 5.4.2), then this DKIM-Signature with b= empty (3.7):\n{lines}',
    ja: '署名の対象の {count} 個のフィールドを正規化（{canon}）したものです。同じ名前が複数あれば下から順に使います（RFC 6376 3.4、5.4.2）。最後に b= を空にしたこの DKIM-Signature が続きます（3.7）: \n{lines}',
  },
  'dkim.rsa-good': {
    en: 'The RSA signature b= verifies with the public key of {selector}._domainkey.{domain} over those lines: the signed fields are as sent (RFC 6376 3.3.1, 6.1.3).',
    ja: 'b= の RSA 署名は、{selector}._domainkey.{domain} の公開鍵でそれらの行に対して正しく検証できました。署名の対象のフィールドは送られたときのままです（RFC 6376 3.3.1、6.1.3）。',
  },
  'dkim.rsa-bad': {
    en: 'The RSA signature b= does not verify with the public key of {selector}._domainkey.{domain}: a signed field changed, or the key does not match: fail (RFC 6376 6.1.3).',
    ja: 'b= の RSA 署名は、{selector}._domainkey.{domain} の公開鍵では検証できません。署名の対象のフィールドが変わったか、鍵が合っていません。fail です（RFC 6376 6.1.3）。',
  },
  'dkim.result': {
    en: 'DKIM result for the signature of {domain}: {result} (RFC 6376 6, RFC 8601 2.7.1).',
    ja: '{domain} の署名に対する DKIM の結果: {result}（RFC 6376 6、RFC 8601 2.7.1）。',
  },
};
