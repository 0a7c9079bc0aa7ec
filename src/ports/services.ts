import type { Localized } from '../i18n.js';
import type { Transport } from './types.js';

/**
 * Well-known ports (IANA service registry) and what speaks there, one line each, with the
 * l7lab lesson that covers it. A port number is a convention, not a guarantee: anything may
 * listen on 25. The mail, web and DNS ports point at their own lessons; every other service is an
 * example of the general idea taught in `application-layer`.
 */
export const LESSON_IDS = [
  'application-layer',
  'smtp-basics',
  'mail-flow',
  'smtp-auth',
  'mock-server',
  'pop3',
  'apop',
  'imap',
  'pop3-vs-imap',
  'mime',
  'tls',
  'http',
  'https',
  'dns',
  'spf-dkim',
  'review',
] as const;
/** A lesson id; LESSON_IDS is lessons/manifest.yaml's list, in its order (test/unit/ports/services.test.ts fails when they drift). */
export type LessonId = (typeof LESSON_IDS)[number];

export interface Service {
  port: number;
  protocols: readonly Transport[];
  name: string;
  description: Localized;
  /** Where the protocol is defined, when an RFC defines it. */
  rfc: string | null;
  lesson: LessonId;
}

type Row = [port: number, protocols: readonly Transport[], name: string, rfc: string | null, lesson: LessonId, en: string, ja: string];

const TCP = ['tcp'] as const;
const UDP = ['udp'] as const;
const BOTH = ['tcp', 'udp'] as const;
const AL = 'application-layer';

const ROWS: readonly Row[] = [
  [20, TCP, 'FTP data', 'RFC 959', AL, 'FTP data connection: file contents travel here, apart from the commands on port 21.', 'FTP のデータ接続。ファイルの中身は 21 番のコマンドとは別に、ここを流れます。'],
  [21, TCP, 'FTP', 'RFC 959', AL, 'File Transfer Protocol commands (USER, RETR, STOR), in plain text, passwords included.', 'ファイル転送プロトコルのコマンド (USER, RETR, STOR)。パスワードも含めて平文です。'],
  [22, TCP, 'SSH', 'RFC 4253', AL, 'Secure Shell: encrypted remote login, remote commands and file copy (scp, sftp).', 'Secure Shell: 暗号化されたリモートログイン、リモートでのコマンド実行、ファイルコピー (scp, sftp)。'],
  [23, TCP, 'Telnet', 'RFC 854', AL, 'Remote terminal in plain text; SSH replaced it because anyone on the path can read it.', '平文のリモート端末。経路上の誰にでも読めるため SSH に置き換えられました。'],
  [25, TCP, 'SMTP', 'RFC 5321', 'smtp-basics', 'Simple Mail Transfer Protocol: mail servers hand messages to each other here.', 'SMTP: メールサーバー同士がメッセージを受け渡すポートです。'],
  [53, BOTH, 'DNS', 'RFC 1035', 'dns', 'Domain Name System: turns names into addresses (UDP; TCP for large answers).', 'DNS: 名前を IP アドレスに変換します (通常は UDP、大きな応答は TCP)。'],
  [67, UDP, 'DHCP server', 'RFC 2131', AL, 'DHCP server: hands out IP addresses to machines that ask for one.', 'DHCP サーバー: 問い合わせてきたマシンに IP アドレスを割り当てます。'],
  [68, UDP, 'DHCP client', 'RFC 2131', AL, 'DHCP client: this machine waits here for its address lease.', 'DHCP クライアント: このマシンが自分のアドレスの割り当てを受け取るポートです。'],
  // RFC 9110 4.2.1: an http URI without a port means 80; 4.2.2: https means 443.
  [80, TCP, 'HTTP', 'RFC 9110', 'http', 'Hypertext Transfer Protocol: the web, unencrypted; an http:// URL without a port means 80.', 'HTTP: 暗号化されていない Web 通信。ポートを書かない http:// の URL は 80 番を指します。'],
  [110, TCP, 'POP3', 'RFC 1939', 'pop3', 'Post Office Protocol v3: a client downloads the mailbox, usually deleting it on the server.', 'POP3: クライアントがメールボックスをダウンロードします (通常はサーバー側から削除します)。'],
  [111, BOTH, 'rpcbind', 'RFC 1833', AL, 'ONC RPC port mapper: tells clients which port an RPC service (e.g. NFS) uses.', 'ONC RPC のポートマッパー: RPC サービス (NFS など) が使うポートをクライアントに教えます。'],
  [123, UDP, 'NTP', 'RFC 5905', AL, 'Network Time Protocol: keeps the clock in step with time servers.', 'NTP: 時刻サーバーと時計を合わせます。'],
  [143, TCP, 'IMAP', 'RFC 9051', 'imap', 'Internet Message Access Protocol: mail stays on the server; flags like \\Seen are shared by every device.', 'IMAP: メールはサーバーに残り、\\Seen などのフラグはすべての端末で共有されます。'],
  [161, UDP, 'SNMP', 'RFC 3411', AL, 'Simple Network Management Protocol: routers and servers report their counters and status.', 'SNMP: ルーターやサーバーがカウンターや状態を報告します。'],
  [389, TCP, 'LDAP', 'RFC 4511', AL, 'Lightweight Directory Access Protocol: directories of users, groups and address books.', 'LDAP: ユーザー、グループ、アドレス帳などのディレクトリを引きます。'],
  [443, TCP, 'HTTPS', 'RFC 9110', 'https', 'HTTP inside TLS from the first byte: the encrypted web; an https:// URL without a port means 443.', '最初のバイトから TLS で包まれた HTTP (暗号化された Web)。ポートを書かない https:// の URL は 443 番を指します。'],
  [443, UDP, 'HTTP/3', 'RFC 9114', AL, 'HTTP/3 over QUIC: the web on UDP, encrypted by QUIC itself.', 'QUIC 上の HTTP/3: UDP を使う Web。暗号化は QUIC 自身が行います。'],
  [445, TCP, 'SMB', null, AL, 'Server Message Block: Windows file and printer sharing (also Samba).', 'SMB: Windows のファイル・プリンター共有 (Samba も使います)。'],
  // RFC 8314 7.3: IANA's service name for 465 is "submissions"; "SMTPS" is the common name.
  [465, TCP, 'submissions (SMTPS)', 'RFC 8314', 'tls', 'Mail submission inside TLS from the first byte (implicit TLS); clients log in with SMTP AUTH.', '最初から TLS で包まれたメール送信 (暗黙の TLS)。クライアントは SMTP AUTH でログインします。'],
  [514, UDP, 'syslog', 'RFC 5426', AL, 'Syslog: devices send their log lines to a collector.', 'syslog: 機器がログをログ収集サーバーに送ります。'],
  [546, UDP, 'DHCPv6 client', 'RFC 8415', AL, 'DHCPv6 client: this machine waits here for IPv6 configuration.', 'DHCPv6 クライアント: このマシンが IPv6 の設定を受け取るポートです。'],
  [547, UDP, 'DHCPv6 server', 'RFC 8415', AL, 'DHCPv6 server: hands out IPv6 addresses and settings.', 'DHCPv6 サーバー: IPv6 アドレスや設定を配ります。'],
  [587, TCP, 'Submission', 'RFC 6409', 'smtp-auth', "Mail submission: a mail app hands a new message to its provider's server, after SMTP AUTH.", 'メール投稿 (サブミッション): メールアプリが SMTP AUTH でログインし、新しいメッセージをプロバイダのサーバーに渡します。'],
  [631, BOTH, 'IPP', 'RFC 8011', AL, 'Internet Printing Protocol: print jobs over HTTP (CUPS).', 'IPP: HTTP で印刷ジョブを送ります (CUPS)。'],
  [993, TCP, 'IMAPS', 'RFC 8314', 'tls', 'IMAP inside TLS from the first byte.', '最初から TLS で包まれた IMAP。'],
  [995, TCP, 'POP3S', 'RFC 8314', 'tls', 'POP3 inside TLS from the first byte.', '最初から TLS で包まれた POP3。'],
  [1900, UDP, 'SSDP', null, AL, 'Simple Service Discovery Protocol: UPnP devices announce themselves on the local network.', 'SSDP: UPnP 機器がローカルネットワークで自分の存在を知らせます。'],
  [2053, BOTH, 'DNS (l7lab)', 'RFC 1035', 'dns', "l7lab serve's DNS resolver, like 53: UDP and TCP on loopback, answering for the lab's own names (dig @127.0.0.1 -p 2053).", 'l7lab serve の DNS リゾルバー (53 番と同じ): ループバックの UDP と TCP で、ラボ自身の名前に答えます (dig @127.0.0.1 -p 2053)。'],
  [2080, TCP, 'HTTP (l7lab)', 'RFC 9110', 'http', "l7lab serve's HTTP server, like 80: the web inbox and its JSON API (http://127.0.0.1:2080/).", 'l7lab serve の HTTP サーバー (80 番と同じ): Web の受信箱とその JSON API (http://127.0.0.1:2080/)。'],
  [2110, TCP, 'POP3 (l7lab)', 'RFC 1939', 'pop3', "l7lab's lab POP3 server: the lessons' mailbox to download.", 'l7lab の練習用 POP3 サーバー: レッスンでダウンロードするメールボックス。'],
  [2143, TCP, 'IMAP (l7lab)', 'RFC 9051', 'imap', "l7lab's lab IMAP server: the same mailbox, kept on the server.", 'l7lab の練習用 IMAP サーバー: 同じメールボックスをサーバー上に保ったまま扱います。'],
  [2443, TCP, 'HTTPS (l7lab)', 'RFC 9110', 'https', "l7lab serve's HTTP inside TLS from the first byte, like 443, with the lab certificate; ALPN offers http/1.1 only.", 'l7lab serve の、最初から TLS で包まれた HTTP (443 番と同じ)。ラボの証明書を使い、ALPN では http/1.1 だけを提示します。'],
  [2465, TCP, 'SMTPS (l7lab)', 'RFC 8314', 'tls', "l7lab serve's SMTP inside TLS from the first byte, like 465, with the lab certificate.", 'l7lab serve の、最初から TLS で包まれた SMTP (465 番と同じ)。ラボの証明書を使います。'],
  [2525, TCP, 'SMTP (l7lab)', 'RFC 5321', 'mock-server', "l7lab's lab SMTP server: captures every message and relays none (also a common alternative submission port).", 'l7lab の練習用 SMTP サーバー: すべてのメッセージを受け取り、どこにも中継しません (メールサービスの代替送信ポートとしてもよく使われます)。'],
  [2587, TCP, 'Submission (l7lab)', 'RFC 6409', 'tls', "l7lab serve's submission port, like 587: clear text until the client says STARTTLS (RFC 3207).", 'l7lab serve のサブミッションポート (587 番と同じ): クライアントが STARTTLS と送るまでは平文です (RFC 3207)。'],
  [2993, TCP, 'IMAPS (l7lab)', 'RFC 8314', 'tls', "l7lab serve's IMAP inside TLS from the first byte, like 993.", 'l7lab serve の、最初から TLS で包まれた IMAP (993 番と同じ)。'],
  [2995, TCP, 'POP3S (l7lab)', 'RFC 8314', 'tls', "l7lab serve's POP3 inside TLS from the first byte, like 995.", 'l7lab serve の、最初から TLS で包まれた POP3 (995 番と同じ)。'],
  [3306, TCP, 'MySQL', null, AL, 'MySQL / MariaDB database server.', 'MySQL / MariaDB データベースサーバー。'],
  [3389, TCP, 'RDP', null, AL, 'Remote Desktop Protocol: a Windows desktop over the network.', 'RDP: ネットワーク越しの Windows リモートデスクトップ。'],
  [5353, UDP, 'mDNS', 'RFC 6762', AL, 'Multicast DNS: names like printer.local found on the local network without a DNS server.', 'マルチキャスト DNS: DNS サーバーなしで printer.local のような名前をローカルネットワークで解決します。'],
  [5355, BOTH, 'LLMNR', 'RFC 4795', AL, 'Link-Local Multicast Name Resolution: name lookup among neighbours, mostly Windows.', 'LLMNR: 同じリンク上の隣接マシン同士で名前を解決します (主に Windows)。'],
  [5432, TCP, 'PostgreSQL', null, AL, 'PostgreSQL database server.', 'PostgreSQL データベースサーバー。'],
  [5900, TCP, 'VNC', 'RFC 6143', AL, 'Remote Framebuffer (VNC): a remote screen, keyboard and mouse.', 'RFB (VNC): リモートの画面・キーボード・マウス。'],
  [6379, TCP, 'Redis', null, AL, 'Redis in-memory key-value store.', 'Redis インメモリのキーバリューストア。'],
  // 8080 and 8443 are conventions, not defaults: a URL must name them (http://host:8080/).
  [8080, TCP, 'HTTP (alternate)', 'RFC 9110', 'http', 'A common second HTTP port: development servers and proxies; the URL must name it (http://host:8080/).', 'よく使われるもう一つの HTTP ポート: 開発用サーバーやプロキシ。URL にポートを書きます (http://host:8080/)。'],
  [8443, TCP, 'HTTPS (alternate)', 'RFC 9110', 'https', 'A common second HTTPS port: admin consoles and development servers, TLS from the first byte; the URL must name it.', 'よく使われるもう一つの HTTPS ポート: 管理画面や開発用サーバー。最初から TLS で、URL にポートを書きます。'],
  [27017, TCP, 'MongoDB', null, AL, 'MongoDB document database server.', 'MongoDB ドキュメントデータベースサーバー。'],
];

export const SERVICES: readonly Service[] = ROWS.map(([port, protocols, name, rfc, lesson, en, ja]) => ({
  port,
  protocols,
  name,
  description: { en, ja },
  rfc,
  lesson,
}));

const BY_KEY = new Map<string, Service>(SERVICES.flatMap((s) => s.protocols.map((p) => [`${p}/${s.port}`, s] as const)));

export function lookupService(port: number, protocol: Transport): Service | null {
  return BY_KEY.get(`${protocol}/${port}`) ?? null;
}
