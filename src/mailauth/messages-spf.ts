import type { AuthText } from './types.js';

/** The SPF steps (RFC 7208), in English and Japanese; {name} is a step parameter. */
export const SPF_TEXTS: Record<string, AuthText> = {
  'spf.empty-mail-from': {
    en: 'MAIL FROM is empty (a bounce), so SPF checks postmaster@{helo}, the HELO name (RFC 7208 2.4).',
    ja: 'MAIL FROM が空（エラー通知）なので、SPF は HELO 名の postmaster@{helo} を確かめます（RFC 7208 2.4）。',
  },
  'spf.bad-domain': {
    en: '{domain} is not a name SPF can look up, so there is no SPF result: none (RFC 7208 4.3).',
    ja: '{domain} は SPF が問い合わせられる名前ではないので、SPF の結果はありません。none です（RFC 7208 4.3）。',
  },
  'spf.lookup': {
    en: 'DNS question for {domain} (RFC 7208 4.4, 5).',
    ja: '{domain} について DNS に問い合わせます（RFC 7208 4.4、5）。',
  },
  'spf.no-record': {
    en: '{domain} publishes no TXT record starting with v=spf1: result none (RFC 7208 4.5).',
    ja: '{domain} は v=spf1 で始まる TXT レコードを公開していません。結果は none です（RFC 7208 4.5）。',
  },
  'spf.multiple-records': {
    en: '{domain} publishes {count} SPF records; exactly one is allowed: permerror (RFC 7208 4.5).',
    ja: '{domain} は SPF レコードを {count} 個公開しています。許されるのは 1 個だけなので permerror です（RFC 7208 4.5）。',
  },
  'spf.record-too-long': {
    en: 'The SPF record of {domain} is {length} characters, more than the {limit} the lab reads: permerror.',
    ja: '{domain} の SPF レコードは {length} 文字あり、ラボが読む上限 {limit} 文字を超えるので permerror です。',
  },
  'spf.record': {
    en: 'The SPF record of {domain}: {record}. Its terms are read left to right; the first mechanism that matches decides (RFC 7208 4.6).',
    ja: '{domain} の SPF レコードは {record} です。項目を左から順に調べ、最初に一致したメカニズムが結果を決めます（RFC 7208 4.6）。',
  },
  'spf.syntax': {
    en: 'The record of {domain} has a term SPF cannot read, "{term}": permerror, before any term is tried (RFC 7208 4.6).',
    ja: '{domain} のレコードに SPF が読めない項目「{term}」があります。どの項目も試す前に permerror になります（RFC 7208 4.6）。',
  },
  'spf.match': {
    en: '{term} matches {ip}: its qualifier gives the result (+ pass, - fail, ~ softfail, ? neutral; RFC 7208 4.6.2).',
    ja: '{term} は {ip} に一致します。前に付いた修飾子が結果になります（+ pass、- fail、~ softfail、? neutral。RFC 7208 4.6.2）。',
  },
  'spf.no-match': {
    en: '{term} does not match {ip}; on to the next term (RFC 7208 4.6.2).',
    ja: '{term} は {ip} に一致しません。次の項目へ進みます（RFC 7208 4.6.2）。',
  },
  'spf.ptr-skipped': {
    en: '{term}: the lab never matches ptr. RFC 7208 5.5 says it SHOULD NOT be used: it is slow, unreliable, and loads the reverse-DNS servers.',
    ja: '{term}: ラボでは ptr は一致しません。RFC 7208 5.5 は、遅く、当てにならず、逆引き DNS サーバーに負担をかけるので使うべきではない（SHOULD NOT）としています。',
  },
  'spf.include': {
    en: 'include: checks {domain}\'s own SPF record; it matches only if that check passes (RFC 7208 5.2).',
    ja: 'include: {domain} 自身の SPF レコードで確かめます。その結果が pass のときだけ一致します（RFC 7208 5.2）。',
  },
  'spf.include-error': {
    en: 'The included {domain} gave {result}: that makes the whole check a permerror (RFC 7208 5.2).',
    ja: 'include した {domain} の結果が {result} だったので、全体が permerror になります（RFC 7208 5.2）。',
  },
  'spf.redirect': {
    en: 'No mechanism matched; redirect= hands the check to {domain}\'s record, whose result is the result (RFC 7208 6.1).',
    ja: 'どのメカニズムも一致しなかったので、redirect= で {domain} のレコードに確認を引き継ぎます。その結果が最終結果です（RFC 7208 6.1）。',
  },
  'spf.redirect-none': {
    en: 'The redirect target {domain} has no SPF record: permerror (RFC 7208 6.1).',
    ja: 'redirect 先の {domain} に SPF レコードがないので permerror です（RFC 7208 6.1）。',
  },
  'spf.default-neutral': {
    en: 'No mechanism of {domain}\'s record matched and there is no redirect=: neutral (RFC 7208 4.7).',
    ja: '{domain} のレコードのどのメカニズムも一致せず、redirect= もないので neutral です（RFC 7208 4.7）。',
  },
  'spf.mx-limit': {
    en: '{domain} has {count} MX names; SPF looks at no more than 10: permerror (RFC 7208 4.6.4).',
    ja: '{domain} には MX が {count} 個あります。SPF が調べるのは 10 個までなので permerror です（RFC 7208 4.6.4）。',
  },
  'spf.macro-unsupported': {
    en: 'The macro {term} in {domain}\'s record is beyond the simple ones the lab expands (%{s} %{l} %{o} %{d} %{i} %{h}): permerror (RFC 7208 7).',
    ja: '{domain} のレコードのマクロ {term} は、ラボが展開する単純なもの（%{s} %{l} %{o} %{d} %{i} %{h}）ではないので permerror です（RFC 7208 7）。',
  },
  'spf.lookup-limit': {
    en: '{term} would be DNS lookup number {limit} + 1; SPF allows {limit} per check (include, a, mx, ptr, exists, redirect): permerror (RFC 7208 4.6.4).',
    ja: '{term} で DNS 問い合わせが {limit} 回を超えます。SPF で許されるのは 1 回の確認で {limit} 回まで（include、a、mx、ptr、exists、redirect）なので permerror です（RFC 7208 4.6.4）。',
  },
  'spf.void-limit': {
    en: '{domain} found nothing, the third such "void" lookup; SPF allows {limit}: permerror (RFC 7208 4.6.4).',
    ja: '{domain} は何も見つからず、これで 3 回目の「空振り」問い合わせです。SPF で許されるのは {limit} 回までなので permerror です（RFC 7208 4.6.4）。',
  },
  'spf.dns-error': {
    en: 'The DNS question for {domain} failed: temperror, try again later (RFC 7208 2.6.6, 5).',
    ja: '{domain} への DNS 問い合わせが失敗しました。temperror で、後でやり直せば通るかもしれません（RFC 7208 2.6.6、5）。',
  },
  'spf.result': {
    en: 'SPF result for {ip} sending as {domain}: {result} (RFC 7208 2.6).',
    ja: '{ip} が {domain} として送ったことに対する SPF の結果: {result}（RFC 7208 2.6）。',
  },
};
