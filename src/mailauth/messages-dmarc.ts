import type { AuthText } from './types.js';

/** The DMARC steps (RFC 7489), in English and Japanese; {name} is a step parameter. */
export const DMARC_TEXTS: Record<string, AuthText> = {
  'dmarc.no-from': {
    en: 'No domain can be read from the From field "{from}": permerror (RFC 7489 6.6.1).',
    ja: 'From フィールド「{from}」からドメインを読み取れません。permerror です（RFC 7489 6.6.1）。',
  },
  'dmarc.lookup': {
    en: 'The DMARC policy is a TXT record at {name} (RFC 7489 6.1).',
    ja: 'DMARC のポリシーは {name} の TXT レコードです（RFC 7489 6.1）。',
  },
  'dmarc.record': {
    en: 'The DMARC record at {name}: {record}. Policy p={p}, alignment DKIM adkim={adkim}, SPF aspf={aspf} (r relaxed, s strict; RFC 7489 6.3).',
    ja: '{name} の DMARC レコードは {record} です。ポリシー p={p}、一致の判定は DKIM が adkim={adkim}、SPF が aspf={aspf} です（r は緩和、s は厳格。RFC 7489 6.3）。',
  },
  'dmarc.record-bad': {
    en: '{name} holds {count} DMARC records, or one without a valid p=: policy discovery ends and DMARC does not apply: none (RFC 7489 6.6.3).',
    ja: '{name} には DMARC レコードが {count} 個あるか、正しい p= のないものが 1 個あります。ポリシーの探索はここで終わり、DMARC は適用されません。none です（RFC 7489 6.6.3）。',
  },
  'dmarc.none': {
    en: 'Neither {domain} nor its organizational domain (the lab: its last two labels, no Public Suffix List) publishes a DMARC record: none (RFC 7489 6.6.3).',
    ja: '{domain} にもその組織ドメイン（ラボでは最後の 2 つのラベル。パブリックサフィックスリストは使いません）にも DMARC レコードがないので none です（RFC 7489 6.6.3）。',
  },
  'dmarc.spf-aligned': {
    en: 'SPF {spf} for {domain}, which aligns with the From domain {from} (aspf={mode}; RFC 7489 3.1.2).',
    ja: 'SPF は {domain} について {spf} で、From のドメイン {from} と一致しています（aspf={mode}。RFC 7489 3.1.2）。',
  },
  'dmarc.spf-not-aligned': {
    en: 'SPF gave {spf} for {domain}: no aligned SPF pass for the From domain {from} (aspf={mode}; RFC 7489 3.1.2).',
    ja: 'SPF は {domain} について {spf} でした。From のドメイン {from} と一致する SPF の pass はありません（aspf={mode}。RFC 7489 3.1.2）。',
  },
  'dmarc.dkim-aligned': {
    en: 'A DKIM signature passed for a domain ({domains}) that aligns with the From domain {from} (adkim={mode}; RFC 7489 3.1.1).',
    ja: 'From のドメイン {from} と一致するドメイン（{domains}）の DKIM 署名が pass しました（adkim={mode}。RFC 7489 3.1.1）。',
  },
  'dmarc.dkim-not-aligned': {
    en: 'No passing DKIM signature aligns with the From domain {from} (passing: {domains}; adkim={mode}; RFC 7489 3.1.1).',
    ja: 'From のドメイン {from} と一致する、pass した DKIM 署名はありません（pass したもの: {domains}。adkim={mode}。RFC 7489 3.1.1）。',
  },
  'dmarc.pass': {
    en: 'DMARC pass for {from}: an aligned identifier passed (RFC 7489 4.2, 6.6.2). The policy p={policy} is not needed.',
    ja: '{from} の DMARC は pass です。一致する識別子が pass しました（RFC 7489 4.2、6.6.2）。ポリシー p={policy} は使われません。',
  },
  'dmarc.fail': {
    en: 'DMARC fail for {from}: neither SPF nor DKIM passed for a domain aligned with it. The domain asks receivers to apply its policy: {policy} (RFC 7489 6.3, 6.6.2).',
    ja: '{from} の DMARC は fail です。From と一致するドメインで pass した SPF も DKIM もありません。ドメインは受信側にポリシー {policy} の適用を求めています（RFC 7489 6.3、6.6.2）。',
  },
};
