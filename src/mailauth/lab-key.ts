/**
 * The lab's DKIM key pair: a fixed 2048-bit RSA key (RFC 8301 3.2 asks for at least 1024 bits
 * and recommends 2048), generated once with node:crypto's generateKeyPairSync.
 *
 * The private half is public on purpose: it is in this repository so that anyone's lab signs
 * the same way, and it signs lab mail only, checked against the lab's own DNS. No real domain
 * publishes its public half; never use it for anything else.
 */

/** Where the lab publishes the public key: `lab._domainkey.example.com` (RFC 6376 3.6.2.1). */
export const LAB_DKIM_DOMAIN = 'example.com';
export const LAB_DKIM_SELECTOR = 'lab';

/** PKCS#8 PEM. */
export const LAB_DKIM_PRIVATE_KEY = [
  '-----BEGIN PRIVATE KEY-----',
  'MIIEvgIBADANBgkqhkiG9w0BAQEFAASCBKgwggSkAgEAAoIBAQCdHIMwbrzvB9fU',
  'ov7G3ZLw0lTt45s4If4I0Fe9rU/thnOScRPF/a/Tcr6pcPjo0e8CYhhPSP/ly2/5',
  'Ggdzy9AlxDpgHeQVj91R/Muy2/hygdN7NYzZhEClb4Sbn9bKtiGG5nJh05Q8ADEf',
  '/8Yy4PN2ERXjLy3cGeWo3pFTLMUmWyXTHv5+F69U3L6KrUoIaRAQCoEBJpLIkjrD',
  'BUY+JFotNFUljQ1ump1e0q3u09J4JqLYcd1sS3Z7qD6cX6cEBGWB06dEtvoR1ysL',
  '3zng1IP3misa36y3lwAaFWVSyuZ6j/cCvuPr0KZca+rw33jj6XpMFC5N3tlRCaMg',
  'FtDSP10RAgMBAAECggEASv2sisYYrVlHhknEpURmmkcy3ZeZ46mp+SgE8VbTw1K9',
  'QGVz5DnKHnnzEqqHTI3D8RXEd7em2VcI29Q2QWnDsPsgR/eMglQ4diVdT0KarIFW',
  'YcV2NO7g8nYvzB53pitYBm1hpFsasqb+y8DIqEliO/U8xsMitx+vVLLjl9lTQxJX',
  'tTECUkKwyGyJ4LwrCpGPsWUiQquwkZpTw0ovshLrCeua4pdZjov+B7VTXBD/hGuR',
  '15YQAm4MLAXDCBdqKlicMkoCJqk11XsjRFN72FlStICdcQTRmVpfyuU6MrwJNv3p',
  'oLLHCWni+shTdTuaHVMBSsr0aev5KEiSvoLAd4uLTwKBgQDWP4BOiMZxNIPsaJrm',
  'PHie2ilp28JrQf8MWv0PZUQ4m7T42q/vM5EWCtQjQEOmCK8BOby8llIhLjD6t5Fj',
  '1ar0qoNRtA4ZBRwXgyQcOgH8LWIi/77d2/fpflPcyOHoxNgE0mLnU5Wtd9FUVZy/',
  '3+YtwXpBfwvwJX/tIQVXwxLQewKBgQC7uo1jBDtttKu0EV5RAC72xQbZVfZSiX5H',
  '9ICjZPGNrET7uxLFAQfH4DQexIqzucum2RyVFgkwOsl5gbis+W9hjf1kdUcqR8wW',
  'mnJaSl+OdP6o8bhoLuMhg+E2PkQLO7bR3tAoPsY/juvstQ4p8JRgH2iSPDmlF2h5',
  '+uo/lAmA4wKBgCwi5s7G9IKLvAWuwwJdQMgQz2lEYXfxH5avA+TxCq3SveRqQMY5',
  'TFFLJ8qfSZBhx5OsDkqXeRHmzyZHPMdhVBeVLPpe6myTFeduF7lM5e3Kd6YYI3zW',
  '/Op4INSh+ZAXRR0xLjjTikkzHseN333TpTqV2ha2EoKFZyY1oEElKbITAoGBALYc',
  'ivv7JwuNsOPF1ZEOdIC/MZ20XnhDGVYEQqY/TnT5IRJysAqcrUegn+8ZCtS+8Giz',
  'RZ76+X7oCHru9JAYiYxBigbiHl9NtxZWTYh5jalMpZ6Ony2yDnR80wUj8i5Th06g',
  'r53bB8awhv3hxhO5Zra4wWDbO7CDvL5YQtXabj2xAoGBAIE8Me0N1Mj4/IdUGnlZ',
  '4jD0WXdxZCPotBdYaVvdfLswoRT07Ci/G1Uj9MlJ9daxXqJbmKKoC4jC0sXy0V9R',
  '/KMnqlf0DuNUE8QxT8oBdvduqC2OF/4jQjMkcD5v4dNyn81DTRH7SfDYVbua9luF',
  '4AdNrDM/TVyHhKNsc9FisAg5',
  '-----END PRIVATE KEY-----',
  '',
].join('\n');

/** The public key as base64 DER SubjectPublicKeyInfo, the form of the key record's p= (RFC 6376 3.6.1). */
export const LAB_DKIM_PUBLIC_KEY =
  'MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAnRyDMG687wfX1KL+xt2S8NJU7eObOCH+CNBXva1P7YZzknETxf2v03K+qXD46NHvAmIYT0j/5ctv+RoHc8vQJcQ6YB3kFY/dUfzLstv4coHTezWM2YRApW+Em5/WyrYhhuZyYdOUPAAxH//GMuDzdhEV4y8t3BnlqN6RUyzFJlsl0x7+fhevVNy+iq1KCGkQEAqBASaSyJI6wwVGPiRaLTRVJY0NbpqdXtKt7tPSeCai2HHdbEt2e6g+nF+nBARlgdOnRLb6EdcrC9854NSD95orGt+st5cAGhVlUsrmeo/3Ar7j69CmXGvq8N944+l6TBQuTd7ZUQmjIBbQ0j9dEQIDAQAB';

/** The key record (RFC 6376 3.6.1): version, key type, public key. */
export const LAB_DKIM_KEY_RECORD = `v=DKIM1; k=rsa; p=${LAB_DKIM_PUBLIC_KEY}`;

/**
 * A TXT record's text as <character-string>s of at most 255 octets each (RFC 1035 3.3.14); a
 * verifier joins them again without spaces (RFC 6376 3.6.2.2, RFC 7208 3.3). ASCII text only.
 */
export function characterStrings(text: string, size = 255): string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length; i += size) out.push(text.slice(i, i + size));
  return out.length ? out : [''];
}
