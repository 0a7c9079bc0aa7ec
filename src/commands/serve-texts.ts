import { messages, type Localized } from '../i18n.js';

/**
 * What `serve` says, in English and Japanese (polite style): the banner (kept within 80
 * columns, a wide character counted as 2: ui/width.ts) and its one-line messages.
 */
export const SERVE_TEXTS = {
  title: { en: 'l7lab mail sandbox', ja: 'l7lab メールサンドボックス' },
  roleSmtp: { en: 'send mail (captured, not relayed)', ja: 'メール送信 (受信のみ、中継なし)' },
  rolePop3: { en: 'download mail', ja: 'メールのダウンロード' },
  roleImap: { en: 'read mail kept on the server', ja: 'サーバー上のメールの閲覧' },
  roleHttp: { en: 'web inbox and JSON API, no TLS', ja: 'Web の受信箱と JSON API、TLS なし' },
  roleDns: { en: 'names: the lab resolver (recursive)', ja: '名前: ラボのリゾルバー (再帰)' },
  roleDnsRoot: { en: '{name}: the root zone', ja: '{name}: ルートゾーン' },
  roleDnsTld: { en: '{name}: {zones}', ja: '{name}: {zones}' },
  roleDnsAuth: { en: '{name}: {zones}', ja: '{name}: {zones}' },
  moreZones: { en: '{list} +{n} more', ja: '{list} ほか {n} 個' },
  dnsFallback: {
    en: 'DNS: only 127.0.0.1 is loopback here, so each server has a port of its own.',
    ja: 'DNS: ここではループバックが 127.0.0.1 だけなので、サーバーごとに別のポートを使います。',
  },
  roleSubmission: { en: 'send mail, STARTTLS (like 587)', ja: 'メール送信、STARTTLS (587 番と同じ)' },
  roleTlsFirst: { en: 'TLS from the first byte', ja: '最初のバイトから TLS' },
  // IANA's name for 465 is "submissions" (RFC 8314 7.3); SMTPS is the common name.
  roleSubmissions: { en: 'send mail, TLS first (SMTPS, like 465)', ja: 'メール送信、最初から TLS (SMTPS、465 番と同じ)' },
  withStarttls: { en: ', STARTTLS', ja: '、STARTTLS' },
  noTls: { en: ', no TLS', ja: '、TLS なし' },
  headEndpoints: { en: 'protocol|address|port|for', ja: 'プロトコル|アドレス|ポート|用途' },
  headUsers: { en: 'user|password|receives mail for', ja: 'ユーザー|パスワード|受け取るアドレス' },
  anyDomain: { en: '{name}@<any domain>', ja: '{name}@<任意のドメイン>' },
  otherAddresses: { en: 'Mail to any other address is captured too.', ja: 'ほかのアドレス宛てのメールも受け取ります。' },
  storeDir: { en: 'Store: {dir}', ja: '保存先: {dir}' },
  storeMemory: { en: 'Store: in memory (gone when serve stops)', ja: '保存先: メモリ (serve を止めると消えます)' },
  authRequired: { en: 'SMTP AUTH: required before MAIL (530 otherwise).', ja: 'SMTP AUTH: MAIL の前に必須です (ないと 530)。' },
  authOptional: { en: 'SMTP AUTH: optional.', ja: 'SMTP AUTH: 任意です。' },
  tlsOff: { en: 'TLS: off (--no-tls): everything, passwords too, crosses the wire in clear.', ja: 'TLS: オフ (--no-tls)。パスワードも含めてすべて平文で流れます。' },
  tlsEverywhere: { en: 'TLS: STARTTLS/STLS on every port (--starttls), TLS first on the S ports.', ja: 'TLS: 全ポートで STARTTLS/STLS (--starttls)、S のポートは最初から TLS です。' },
  tlsSome: { en: 'TLS: none on the plain ports (--starttls adds it); STARTTLS on submission.', ja: 'TLS: 平文のポートは TLS なし (--starttls で追加)、submission は STARTTLS です。' },
  loginTls: { en: 'Passwords only inside TLS (--login-requires-tls).', ja: 'パスワードは TLS の中でだけ受け付けます (--login-requires-tls)。' },
  certMade: { en: 'Certificate: {subject}, made just now:', ja: '証明書: {subject}、いま作成しました:' },
  certLab: { en: 'Certificate: {subject}, the lab certificate:', ja: '証明書: {subject}、ラボの証明書です:' },
  failures: { en: 'Failures on demand: {rules}. Magic recipients fail on their own:', ja: '失敗の再現: {rules}。特別な宛先はそれだけで失敗します:' },
  failRules: { en: '{n} --fail rule{s}', ja: '--fail ルール {n} 個' },
  failFile: { en: ' and --fail-file', ja: 'と --fail-file' },
  magic: { en: '  reject-550@, tempfail-451@, drop@ (any domain); see serve --help.', ja: '  reject-550@, tempfail-451@, drop@ (ドメインは任意)。serve --help を参照。' },
  tryIt: { en: 'Try it:', ja: '試してみましょう:' },
  webInbox: { en: '  Web inbox (updates live): {url}', ja: '  Web の受信箱 (自動で更新): {url}' },
  appSettings: { en: '  App settings: host {host}, port {port}, secure false (no TLS),', ja: '  アプリの設定: ホスト {host}、ポート {port}、secure false (TLS なし)、' },
  appLogin: { en: '    user {user}, password {password}.', ja: '    ユーザー {user}、パスワード {password}。' },
  appTls: { en: '    With TLS: port {port}, secure true, trusting the certificate above.', ja: '    TLS を使うなら: ポート {port}、secure true、上の証明書を信頼させます。' },
  liveBelow: { en: 'Live transcript below. Ctrl-C stops (a message in flight is finished first).', ja: 'この下にやりとりが流れます。Ctrl-C で止まります (受信中のメールは先に終えます)。' },
  connected: { en: '{session} connected from {remote}', ja: '{session} が {remote} から接続しました' },
  closed: { en: '{session} closed ({reason})', ja: '{session} が閉じました ({reason})' },
  floodSessions: { en: '... a session like the ones above repeated {n} times from {remote}', ja: '... 上と同じセッションが {remote} から {n} 回繰り返されました' },
  floodLines: { en: '... {session}: the same command repeated {n} more times', ja: '... {session}: 同じコマンドがさらに {n} 回繰り返されました' },
  done: { en: 'done', ja: '終了' },
  captured: {
    en: '{session} captured a message from <{from}> to {to} ({size} octets), id {ids}: nothing was relayed',
    ja: '{session} が <{from}> から {to} へのメッセージを受け取りました ({size} オクテット、ID {ids})。中継はしていません',
  },
  dropped: { en: '--max-messages {max}: dropped the oldest {n} message(s): {ids}', ja: '--max-messages {max}: 古いメッセージ {n} 通を削除しました: {ids}' },
  exposed: {
    en: 'warning: listening on {host}: the sandbox is now reachable from other machines, with demo passwords.',
    ja: '警告: {host} で待ち受けています。サンドボックスにほかのマシンからも、デモ用のパスワードで接続できます。',
  },
  shuttingDown: { en: '{signal}: shutting down, finishing messages in flight...', ja: '{signal}: 停止します。受信中のメールを先に終えます...' },
  stopped: { en: 'stopped.', ja: '停止しました。' },
  portName: { en: '{name} port {port} on {host}', ja: '{host} の {name} ポート {port}' },
  portPrivileged: {
    en: '{base} needs privileges (ports below 1024 do); use {flag} 0 for any free port',
    ja: '{base} には特権が必要です (1024 未満のポートのため)。{flag} 0 で空いているポートを使ってください',
  },
  portUnusable: { en: '{base} cannot be used ({code}); check --host, or use {flag} 0', ja: '{base} は使えません ({code})。--host を確かめるか、{flag} 0 を使ってください' },
  portInUse: {
    en: '{base} is already in use{held}; use {flag} 0 for any free port, or stop that process',
    ja: '{base} はすでに{held}使われています。{flag} 0 で空いているポートを使うか、そのプロセスを止めてください',
  },
  heldBy: { en: ' by {process}{pid}', ja: ' {process}{pid} に' },
  heldPid: { en: ' (pid {pid})', ja: ' (pid {pid})' },
  aProcess: { en: 'a process', ja: 'あるプロセス' },
  storeCannotCreate: {
    en: 'cannot create the mail store {dir}: {reason}; pick another with --store <dir> or use --memory',
    ja: 'メールの保存先 {dir} を作れません ({reason})。--store <dir> で別の場所を選ぶか、--memory を使ってください',
  },
  storeNotDirectory: {
    en: 'cannot use the mail store {dir}: {path} is a file, not a directory; pick another with --store <dir> or use --memory',
    ja: 'メールの保存先 {dir} を使えません ({path} はディレクトリではなくファイルです)。--store <dir> で別の場所を選ぶか、--memory を使ってください',
  },
  storeRefused: {
    en: 'cannot create the mail store {dir}: the file system does not allow a directory at {path}; pick another with --store <dir> or use --memory',
    ja: 'メールの保存先 {dir} を作れません (ファイルシステムが {path} にディレクトリを作らせません)。--store <dir> で別の場所を選ぶか、--memory を使ってください',
  },
  certBad: { en: '{reason}; or run with --no-tls', ja: '{reason}。または --no-tls で起動してください' },
  certCannotPrepare: {
    en: 'cannot prepare the lab certificate: {reason}; give one with --tls-cert/--tls-key, or run with --no-tls',
    ja: 'ラボの証明書を用意できません ({reason})。--tls-cert/--tls-key で指定するか、--no-tls で起動してください',
  },
  failFileUnreadable: { en: '--fail-file {file} cannot be read ({reason})', ja: '--fail-file {file} を読めません ({reason})' },
  failFileBad: { en: '--fail-file {file}: {reason}', ja: '--fail-file {file} に誤りがあります: {reason}' },
  noTlsExcludes: {
    en: '--no-tls excludes --tls-cert, --tls-key, --login-requires-tls and --starttls',
    ja: '--no-tls は --tls-cert、--tls-key、--login-requires-tls、--starttls と一緒には使えません',
  },
  certKeyPair: { en: '--tls-cert and --tls-key go together: give both', ja: '--tls-cert と --tls-key は組で使います。両方を指定してください' },
  memoryOrStore: { en: '--memory and --store exclude each other: pick one', ja: '--memory と --store は一緒には使えません。どちらかを選んでください' },
  quietOrJson: { en: '--quiet and --json-log exclude each other: pick one', ja: '--quiet と --json-log は一緒には使えません。どちらかを選んでください' },
  badUser: {
    en: 'invalid --user "{spec}": use name:password (name of letters, digits, . _ -)',
    ja: '--user "{spec}" は使えません。name:password の形で指定してください (名前は英数字と . _ -)',
  },
  failBad: { en: '--fail: {reason}', ja: '--fail に誤りがあります: {reason}' },
} satisfies Record<string, Localized>;

export type ServeTextKey = keyof typeof SERVE_TEXTS;

export const serveText = messages(SERVE_TEXTS);
