import type { Localized } from '../../../i18n.js';

/**
 * SMTP enhanced status codes (RFC 3463, carried in replies per RFC 2034): class.subject.detail,
 * e.g. `550 5.1.1`. The class (RFC 3463 2) and the subject (RFC 3463 2, sections 3.1-3.8 per
 * subject) say something on their own; the details listed are those of RFC 3463 3 and the
 * IANA "SMTP Enhanced Status Codes" registry (RFC 5248), with the RFC that defined each.
 */
export interface EnhancedNote {
  /** `5.X.X` (class), `X.7.XXX` (subject) or `X.7.8` (detail). */
  code: string;
  meaning: Localized;
  rfc: string;
}

/** RFC 3463 2: class "2" / "4" / "5"; subject and detail 1 to 3 digits each. */
const ENHANCED_CODE = /^([245])\.(\d{1,3})\.(\d{1,3})$/;

const note = (code: string, rfc: string, en: string, ja: string): EnhancedNote => ({ code, rfc, meaning: { en, ja } });

const ENHANCED_CLASSES: ReadonlyMap<string, EnhancedNote> = new Map(
  [
    note('2.X.X', 'RFC 3463 2', 'success: the action was done', '成功: 処理は完了しました'),
    note('4.X.X', 'RFC 3463 2', 'persistent transient failure: the message is fine, try again later', '一時的な失敗: メッセージ自体に問題はありません。後で再送してください'),
    note('5.X.X', 'RFC 3463 2', 'permanent failure: sending the same message again will fail again', '恒久的な失敗: 同じメッセージを再送しても再び失敗します'),
  ].map((n) => [n.code, n]),
);

/** The subjects of the IANA registry, each with the RFC 3463 section that lists its details. */
export const ENHANCED_SUBJECTS: ReadonlyMap<string, EnhancedNote> = new Map(
  [
    note('X.0.XXX', 'RFC 3463 3.1', 'other or undefined status', 'その他、または未定義の状態です'),
    note('X.1.XXX', 'RFC 3463 3.2', 'addressing: about the sender or recipient address', 'アドレス: 送信者または宛先のアドレスについての状態です'),
    note('X.2.XXX', 'RFC 3463 3.3', 'mailbox: about the recipient\'s mailbox', 'メールボックス: 宛先のメールボックスについての状態です'),
    note('X.3.XXX', 'RFC 3463 3.4', 'mail system: about the receiving server itself', 'メールシステム: 受信側サーバーそのものについての状態です'),
    note('X.4.XXX', 'RFC 3463 3.5', 'network and routing: about getting the message to the next server', 'ネットワークと経路: 次のサーバーへメッセージを届けることについての状態です'),
    note('X.5.XXX', 'RFC 3463 3.6', 'mail delivery protocol: about the SMTP exchange itself', 'メール配送プロトコル: SMTP のやり取りそのものについての状態です'),
    note('X.6.XXX', 'RFC 3463 3.7', 'message content or media: about what the message contains', 'メッセージの内容やメディア: メッセージの中身についての状態です'),
    note('X.7.XXX', 'RFC 3463 3.8', 'security or policy: about authentication, encryption or the server\'s rules', 'セキュリティまたはポリシー: 認証、暗号化、サーバーの規則についての状態です'),
  ].map((n) => [n.code, n]),
);

const D = (code: string, rfc: string, en: string, ja: string): EnhancedNote => note(code, rfc, en, ja);

export const ENHANCED_DETAILS: ReadonlyMap<string, EnhancedNote> = new Map(
  [
    D('X.0.0', 'RFC 3463 3.1', 'other undefined status: the reply text is all there is', 'その他の未定義の状態です。説明は応答の本文だけです'),
    D('X.1.0', 'RFC 3463 3.2', 'some problem with an address', 'アドレスに関する何らかの問題です'),
    D('X.1.1', 'RFC 3463 3.2', 'bad destination mailbox: no such user at this domain', '宛先のメールボックスがありません。このドメインにそのユーザーはいません'),
    D('X.1.2', 'RFC 3463 3.2', 'bad destination system: the domain of the address does not exist or takes no mail', '宛先のシステムが不正です。アドレスのドメインが存在しないか、メールを受け取りません'),
    D('X.1.3', 'RFC 3463 3.2', 'bad destination address syntax', '宛先アドレスの構文が誤っています'),
    D('X.1.4', 'RFC 3463 3.2', 'the destination address is ambiguous: it matches more than one mailbox', '宛先アドレスがあいまいです。複数のメールボックスに当てはまります'),
    D('X.1.5', 'RFC 3463 3.2', 'destination address valid (a success detail)', '宛先アドレスは有効です（成功を表す詳細です）'),
    D('X.1.6', 'RFC 3463 3.2', 'the mailbox has moved and there is no forwarding address', 'メールボックスは移転し、転送先がありません'),
    D('X.1.7', 'RFC 3463 3.2', 'bad sender address syntax', '送信者アドレスの構文が誤っています'),
    D('X.1.8', 'RFC 3463 3.2', 'bad sender system: the sender\'s domain does not exist or cannot receive replies', '送信者のシステムが不正です。送信者のドメインが存在しないか、返信を受け取れません'),
    D('X.1.10', 'RFC 7505 5', 'the recipient\'s domain publishes a null MX: it accepts no mail', '宛先のドメインは null MX を公開しています。メールを一切受け取りません'),
    D('X.2.0', 'RFC 3463 3.3', 'some problem with the mailbox', 'メールボックスに関する何らかの問題です'),
    D('X.2.1', 'RFC 3463 3.3', 'the mailbox is disabled and accepts no messages', 'メールボックスは無効にされており、メッセージを受け付けません'),
    D('X.2.2', 'RFC 3463 3.3', 'the mailbox is full', 'メールボックスがいっぱいです'),
    D('X.2.3', 'RFC 3463 3.3', 'the message is larger than this mailbox allows', 'メッセージがこのメールボックスで許される大きさを超えています'),
    D('X.2.4', 'RFC 3463 3.3', 'a mailing list could not be expanded', 'メーリングリストを展開できませんでした'),
    D('X.3.0', 'RFC 3463 3.4', 'some problem with the receiving mail system', '受信側メールシステムに関する何らかの問題です'),
    D('X.3.1', 'RFC 3463 3.4', 'the mail system is out of storage space', 'メールシステムの保存領域が足りません'),
    D('X.3.2', 'RFC 3463 3.4', 'the system is not accepting messages now (e.g. shutting down)', 'システムは今メッセージを受け付けていません（停止中など）'),
    D('X.3.3', 'RFC 3463 3.4', 'the system cannot do a feature the message needs', 'メッセージが必要とする機能にシステムが対応していません'),
    D('X.3.4', 'RFC 3463 3.4', 'the message is too big for the system', 'メッセージがシステムにとって大きすぎます'),
    D('X.3.5', 'RFC 3463 3.4', 'the system is configured wrongly', 'システムの設定が誤っています'),
    D('X.4.0', 'RFC 3463 3.5', 'some network or routing problem', 'ネットワークまたは経路に関する何らかの問題です'),
    D('X.4.1', 'RFC 3463 3.5', 'no answer from the next host', '次のホストから応答がありません'),
    D('X.4.2', 'RFC 3463 3.5', 'bad connection: it broke or timed out', '接続が不良です。切れたかタイムアウトしました'),
    D('X.4.3', 'RFC 3463 3.5', 'a directory server (such as DNS) failed', 'ディレクトリサーバー（DNS など）が失敗しました'),
    D('X.4.4', 'RFC 3463 3.5', 'unable to route: no next host for the domain', '経路を決められません。ドメインの次のホストがありません'),
    D('X.4.5', 'RFC 3463 3.5', 'mail system congestion: busy, try again later', 'メールシステムが混雑しています。後で再送してください'),
    D('X.4.6', 'RFC 3463 3.5', 'routing loop: the message came back to a server it already passed', '経路のループです。メッセージが通過済みのサーバーに戻ってきました'),
    D('X.4.7', 'RFC 3463 3.5', 'delivery time expired: the message was retried for too long', '配送期限が切れました。再送を長く続けすぎました'),
    D('X.5.0', 'RFC 3463 3.6', 'some SMTP protocol problem', 'SMTP プロトコルに関する何らかの問題です'),
    D('X.5.1', 'RFC 3463 3.6', 'invalid command: unknown, or not allowed at this point', '無効なコマンドです。未知か、この時点では使えません'),
    D('X.5.2', 'RFC 3463 3.6', 'syntax error in the command', 'コマンドの構文エラーです'),
    D('X.5.3', 'RFC 3463 3.6', 'too many recipients: send the rest in another transaction', '宛先が多すぎます。残りは別のトランザクションで送ってください'),
    D('X.5.4', 'RFC 3463 3.6', 'invalid command arguments (e.g. an unknown MAIL FROM parameter)', 'コマンドの引数が無効です（MAIL FROM の未知のパラメーターなど）'),
    D('X.5.5', 'RFC 3463 3.6', 'wrong protocol version', 'プロトコルのバージョンが違います'),
    D('X.5.6', 'RFC 4954 6', 'the authentication line was too long', '認証の行が長すぎます'),
    D('X.6.0', 'RFC 3463 3.7', 'some problem with the message content', 'メッセージの内容に関する何らかの問題です'),
    D('X.6.1', 'RFC 3463 3.7', 'a media type in the message is not supported', 'メッセージ内のメディアタイプに対応していません'),
    D('X.6.2', 'RFC 3463 3.7', 'a conversion is needed but not allowed', '変換が必要ですが、許可されていません'),
    D('X.6.3', 'RFC 3463 3.7', 'a conversion is needed but not supported', '変換が必要ですが、対応していません'),
    D('X.6.4', 'RFC 3463 3.7', 'converted, with some loss (a success or a warning)', '変換しましたが、一部が失われました（成功または警告です）'),
    D('X.6.5', 'RFC 3463 3.7', 'the conversion failed', '変換に失敗しました'),
    D('X.7.0', 'RFC 3463 3.8', 'some security or policy problem (also: authentication succeeded, as 2.7.0)', 'セキュリティまたはポリシーに関する何らかの問題です（2.7.0 は認証の成功を表します）'),
    D('X.7.1', 'RFC 3463 3.8', 'delivery not authorised: the server\'s policy refuses this message or relay', '配送が許可されていません。サーバーのポリシーがこのメッセージまたは中継を拒否しています'),
    D('X.7.2', 'RFC 3463 3.8', 'expanding this mailing list is not allowed', 'このメーリングリストの展開は許可されていません'),
    D('X.7.3', 'RFC 3463 3.8', 'a security conversion is needed but not possible', 'セキュリティ上の変換が必要ですが、できません'),
    D('X.7.4', 'RFC 3463 3.8', 'security features are not supported', 'セキュリティ機能に対応していません'),
    D('X.7.5', 'RFC 3463 3.8', 'cryptographic failure (e.g. a signature could not be checked)', '暗号処理に失敗しました（署名を検証できないなど）'),
    D('X.7.6', 'RFC 3463 3.8', 'cryptographic algorithm not supported', '暗号アルゴリズムに対応していません'),
    D('X.7.7', 'RFC 3463 3.8', 'message integrity failure', 'メッセージの完全性の検証に失敗しました'),
    D('X.7.8', 'RFC 4954 6', 'authentication credentials invalid: wrong user name or password', '認証情報が無効です。ユーザー名かパスワードが違います'),
    D('X.7.9', 'RFC 4954 6', 'the authentication mechanism is too weak for this server', 'この認証方式はサーバーにとって弱すぎます'),
    D('X.7.10', 'RFC 5248 2.4', 'encryption needed: use TLS first', '暗号化が必要です。先に TLS を使ってください'),
    D('X.7.11', 'RFC 4954 6', 'this authentication mechanism needs encryption: STARTTLS first', 'この認証方式には暗号化が必要です。先に STARTTLS をしてください'),
    D('X.7.12', 'RFC 4954 6', 'a password transition is needed: log in once with a plaintext mechanism', 'パスワードの移行が必要です。一度平文の認証方式でログインしてください'),
    D('X.7.13', 'RFC 5248 2.4', 'the user account is disabled', 'ユーザーアカウントは無効にされています'),
    D('X.7.14', 'RFC 5248 2.4', 'a trust relationship is required', '信頼関係が必要です'),
  ].map((n) => [n.code, n]),
);

/** What an enhanced code's parts say: class, subject, and the detail when listed; null if it is none. */
export function enhancedNotes(code: string): { notes: EnhancedNote[]; detailListed: boolean } | null {
  const m = ENHANCED_CODE.exec(code.trim());
  if (!m) return null;
  const [, cls, subject, detail] = m;
  const notes: EnhancedNote[] = [];
  const c = ENHANCED_CLASSES.get(`${cls}.X.X`);
  if (c) notes.push(c);
  const s = ENHANCED_SUBJECTS.get(`X.${subject}.XXX`);
  if (s) notes.push(s);
  const d = ENHANCED_DETAILS.get(`X.${subject}.${detail}`);
  if (d) notes.push(d);
  return { notes, detailListed: d !== undefined };
}
