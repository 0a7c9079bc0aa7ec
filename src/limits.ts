/**
 * Every limit the lab servers enforce, named, with where its number comes from.
 * Sessions and servers import these; nothing else hard-codes a size or a timeout.
 */

// ---- SMTP (RFC 5321) ----
/** Command line incl. CRLF: RFC 5321 4.5.3.1.4 (512 octets). */
export const SMTP_COMMAND_LINE = 512;
/** Text line in DATA incl. CRLF: RFC 5321 4.5.3.1.6 (1000 octets). */
export const SMTP_TEXT_LINE = 1000;
/** Default maximum message size, advertised in EHLO SIZE (RFC 1870); l7lab's choice, 10 MB. */
export const SMTP_MAX_MESSAGE_SIZE = 10 * 1024 * 1024;
/** Recipients per transaction: RFC 5321 4.5.3.1.8 requires at least 100 be accepted; more gets 452. */
export const SMTP_MAX_RECIPIENTS = 100;
/** Idle timeout: RFC 5321 4.5.3.2.7 says a server should wait at least 5 minutes for a command. */
export const SMTP_IDLE_TIMEOUT_MS = 5 * 60 * 1000;
/** Unrecognised/invalid commands before 421 and close: l7lab's choice (Postfix uses 20 hard errors). */
export const SMTP_MAX_BAD_COMMANDS = 10;
/** AUTH continuation line: RFC 4954 4 lets a server limit it; 12288 octets follows common practice (Dovecot/Postfix). */
export const SASL_MAX_RESPONSE_LINE = 12_288;
/** Failed POP3/IMAP logins before the connection is closed (each reply names the cause first): l7lab's choice, as Dovecot's 3. */
export const AUTH_MAX_FAILURES = 3;
/**
 * SMTP AUTH failures are not counted to a closed door: each one gets 535 5.7.8 (RFC 4954 6),
 * as on a real server. Every failed login (SMTP, POP3, IMAP) is answered after a delay that
 * doubles from AUTH_FAILURE_DELAY_MS up to AUTH_FAILURE_DELAY_MAX_MS (auth-delay.ts). Python's smtplib tries CRAM-MD5, PLAIN and LOGIN with one wrong
 * password (3 failures: 0.1 + 0.2 + 0.4 s); a guesser soon waits 3 s per try. l7lab's choice,
 * after Postfix's smtpd_error_sleep_time (1 s) and Dovecot's auth_failure_delay (2 s).
 */
export const AUTH_FAILURE_DELAY_MS = 100;
export const AUTH_FAILURE_DELAY_MAX_MS = 3_000;
/**
 * Longest simulated delay a failure rule may ask for (`rcpt:*@slow.test=delay 3s`): l7lab's
 * choice, far below the client timeouts of RFC 5321 4.5.3.2 (5 minutes for MAIL and RCPT)
 * and the server's own idle timeout, so a delay is a slow server, never a dead one.
 */
export const FAIL_MAX_DELAY_MS = 60_000;

// ---- POP3 (RFC 1939, RFC 2449) ----
/** Command line incl. CRLF: RFC 2449 4 (255 octets). */
export const POP3_COMMAND_LINE = 255;
/** Reply line incl. CRLF: RFC 2449 4 (512 octets). */
export const POP3_REPLY_LINE = 512;
/** Autologout: RFC 1939 3 says the timer must be at least 10 minutes. */
export const POP3_IDLE_TIMEOUT_MS = 10 * 60 * 1000;

// ---- IMAP (RFC 3501, RFC 7162 3.2.1.5 / RFC 9051) ----
/** Command line, excluding literals: RFC 7162 4 recommends at least 8192 octets. */
export const IMAP_COMMAND_LINE = 8192;
/** Largest literal accepted: the same as the SMTP message size limit. */
export const IMAP_MAX_LITERAL = SMTP_MAX_MESSAGE_SIZE;
/** Autologout: RFC 3501 5.4 says at least 30 minutes. */
export const IMAP_IDLE_TIMEOUT_MS = 30 * 60 * 1000;
/** BAD replies before `* BYE` and close: l7lab's choice. */
export const IMAP_MAX_BAD_COMMANDS = 20;
/** Deepest parenthesised list the parser accepts: l7lab's choice, far above any real client. */
export const IMAP_MAX_NESTING = 32;

// ---- HTTP (RFC 9110, 9112) ----
/** Request line, including CRLF: RFC 9112 3 asks every recipient to support at least 8000 octets; longer gets 414. */
export const HTTP_REQUEST_LINE = 8000;
/** The whole header section (field lines and their CRLFs): l7lab's choice, like nginx's 64 KB large buffers; more gets 431 (RFC 6585 5). */
export const HTTP_MAX_HEAD = 64 * 1024;
/** Field lines per header section: l7lab's choice, Node's http server allows 2000, Apache 100; more gets 431. */
export const HTTP_MAX_FIELDS = 100;
/** A request body, de-chunked: l7lab's choice, the size of a message SMTP accepts; more gets 413 (RFC 9110 15.5.14). */
export const HTTP_MAX_BODY = SMTP_MAX_MESSAGE_SIZE;
/** A chunk-size line with its extensions (RFC 9112 7.1): l7lab's choice; longer gets 400. */
export const HTTP_CHUNK_LINE = 4096;
/** Simultaneous HTTP connections: l7lab's choice (a browser opens about 6 per host). */
export const HTTP_MAX_CONNECTIONS = 200;
/** A kept-alive connection idle this long is closed (RFC 9112 9.8 lets either side close an idle one): nginx's keepalive_timeout is 75 s. */
export const HTTP_IDLE_TIMEOUT_MS = 75_000;
/**
 * A request head must arrive whole within this long from its first byte, however slowly it trickles
 * (slowloris): l7lab's choice, Apache's mod_reqtimeout allows 20-40 s, Node's headersTimeout 60 s; 408 after.
 */
export const HTTP_HEADER_TIMEOUT_MS = 30_000;

// ---- DNS (RFC 1035, RFC 6891, RFC 7766) ----
/** A UDP response without EDNS: RFC 1035 2.3.4 (512 octets); longer ones are truncated with TC (4.2.1). */
export const DNS_UDP_SIZE = 512;
/** The UDP payload size we advertise and accept with EDNS: 1232, DNS Flag Day 2020 (fits a 1280 IPv6 MTU, RFC 6891 6.2.5). */
export const DNS_EDNS_UDP_SIZE = 1232;
/** A TCP connection with no query in flight is closed after this: RFC 7766 6.2.3 says servers should time idle ones out, "in the order of seconds"; Unbound uses 30 s. */
export const DNS_TCP_IDLE_TIMEOUT_MS = 10_000;
/** Simultaneous TCP connections per DNS server: l7lab's choice (RFC 7766 6.2.2 asks for a limit). */
export const DNS_TCP_MAX_CONNECTIONS = 100;
/** Queries of one TCP connection answered concurrently (pipelining, RFC 7766 6.2.1.1); later ones wait: l7lab's choice. */
export const DNS_TCP_MAX_IN_FLIGHT = 16;
/** Largest query a server reads over TCP (the length field allows 65535, RFC 1035 4.2.2): a query is a question and an OPT; l7lab's choice. */
export const DNS_MAX_TCP_QUERY = 4096;
/**
 * Responses per second one source address gets over UDP, and the burst it may use at once: the
 * idea of Response Rate Limiting (RFC 8906 does not ask for silence; RRL drops or sends TC). High
 * enough for the resolver, dig and a lesson, low enough that a flood is not amplified: l7lab's choice.
 */
export const DNS_RATE_PER_SECOND = 1000;
export const DNS_RATE_BURST = 2000;
/** Every n-th response over the rate goes out empty with TC instead of being dropped, so a real client retries over TCP (BIND's RRL slip 2). */
export const DNS_RATE_SLIP = 2;

// ---- DNS recursive resolver (RFC 1034 5.3.3, RFC 1035 7, RFC 2308) ----
/**
 * What one client query may cost the resolver (RFC 1035 7.1: bound the work so a bad zone cannot
 * loop it). l7lab's choices, near Unbound's and BIND's: BIND's max-recursion-queries is 100 and
 * its max-recursion-depth 7; a CNAME chain of 8 is Unbound's max-query-restarts (11) rounded down;
 * BIND keeps answers at most 7 days (max-cache-ttl) and negative answers 3 hours (max-ncache-ttl,
 * the upper end RFC 2308 5 suggests); the lab uses one day. Time is on the resolver's clock.
 */
export const DNS_RESOLVER_LIMITS = {
  maxReferrals: 16,
  maxQueries: 50,
  maxTimeMs: 10_000,
  maxCnameChain: 8,
  maxGluelessDepth: 3,
  maxCacheEntries: 10_000,
  maxTtl: 86_400,
  maxNegativeTtl: 10_800,
} as const;
/** How long the resolver waits for one upstream UDP or TCP reply before trying the next server: l7lab's choice (loopback answers in microseconds; BIND waits 800 ms then backs off). */
export const DNS_RESOLVER_EXCHANGE_TIMEOUT_MS = 1_000;

// ---- every server ----
/** Simultaneous connections per server before the protocol's busy reply: l7lab's choice. */
export const MAX_CONNECTIONS = 200;
/** Pause reading a client while this many received octets wait to be handled (slow handler). */
export const MAX_BUFFERED_INPUT = 1024 * 1024;
/** On shutdown, how long a message in flight may take to finish: l7lab's choice. */
export const SHUTDOWN_GRACE_MS = 5_000;

// ---- mail store ----
/** Longest mailbox name, in UTF-8 octets: NAME_MAX (255) of Linux filesystems, since a Maildir++ folder is one directory entry. */
export const MAILBOX_NAME_MAX = 255;
/** How long a store operation waits for another process's Maildir lock: l7lab's choice, far above one delivery. */
export const STORE_LOCK_WAIT_MS = 10_000;
/** A lock file older than this was left by a process that died (Dovecot breaks its uidlist lock after 2 minutes; a lab can be quicker). */
export const STORE_LOCK_STALE_MS = 30_000;

// ---- `l7lab ports` (external tools) ----
/** How long lsof/ss/netstat may run: l7lab's choice. lsof can stall on a dead network mount; ports must never hang. */
export const PORTS_COMMAND_TIMEOUT_MS = 5_000;
/** Most output read from one tool: l7lab's choice, far above a busy server's socket list (~100 bytes a row). */
export const PORTS_MAX_OUTPUT = 16 * 1024 * 1024;
/** How often serve looks for changes another process made to its Maildir, so IMAP IDLE hears of them: l7lab's choice (Dovecot's mailbox_idle_check_interval is 30 s). */
export const STORE_POLL_MS = 1000;
/** Transcript events kept of a session's setup (greeting, EHLO, STARTTLS, AUTH) for each message's transcript: l7lab's choice, far above a normal setup (~20). */
export const TRANSCRIPT_MAX_HEAD_EVENTS = 200;
/** Transcript events kept of one transaction (MAIL to the final reply; RCPT at most SMTP_MAX_RECIPIENTS, RFC 5321 4.5.3.1.8): l7lab's choice; the oldest go first. */
export const TRANSCRIPT_MAX_MESSAGE_EVENTS = 1000;
/** How often `l7lab mail wait` looks at the store when no file-system event woke it: l7lab's choice (fs.watch is not reliable on every file system). */
export const MAIL_WAIT_POLL_MS = 250;
/** `l7lab mail wait`'s default timeout: l7lab's choice, a test runner's usual patience. */
export const MAIL_WAIT_DEFAULT_TIMEOUT_S = 30;
/** Longest long poll of the web API (`GET /api/messages?wait=N`): l7lab's choice, under the 2 minutes after which proxies and clients commonly give up on a quiet response. */
export const WEB_WAIT_MAX_S = 60;
/** Messages per page of `GET /api/messages` when no limit is asked for: l7lab's choice. */
export const WEB_PAGE_DEFAULT = 50;
/** Most messages one page of `GET /api/messages` may hold: l7lab's choice, a bound on one response's work. */
export const WEB_PAGE_MAX = 500;
/** Octets of a message's source shown on its web page (the whole is a link away, at /raw): l7lab's choice, so a 10 MB message does not make a 10 MB page. */
export const WEB_RAW_PREVIEW = 256 * 1024;

// ---- `l7lab practice` ----
/** Lines kept in a practice shell's history file: bash's default HISTSIZE (500). */
export const PRACTICE_HISTORY_LINES = 500;
/** How long the shell waits for a server to close after its goodbye (221, BYE, QUIT's +OK): l7lab's choice; servers close at once. */
export const PRACTICE_CLOSE_WAIT_MS = 2_000;
/** practice dns: how long one query waits for its answer; dig's default +timeout is 5 s, and the shell never retries on its own. */
export const PRACTICE_DNS_TIMEOUT_MS = 5_000;
/** practice dns :trace: at most this many referrals from the root before giving up (a loop in a broken zone must end). */
export const PRACTICE_DNS_TRACE_HOPS = 16;

// ---- TLS (STARTTLS RFC 3207, STLS RFC 2595, implicit TLS RFC 8314) ----
/** Time a client has to finish its TLS handshake: l7lab's choice (Postfix's smtpd_starttls_timeout is 300 s; a loopback handshake takes milliseconds). */
export const TLS_HANDSHAKE_TIMEOUT_MS = 30_000;
