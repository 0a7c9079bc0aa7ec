import { canonicalAccount, canonicalMailbox, INBOX, isInbox, isSameOrInferior, superiorsOf } from './names.js';
import { MailboxExistsError, MailboxNameError, NoSuchMailboxError, type MailStore, type StoreChange } from './types.js';

/**
 * The mailbox policy of RFC 3501 (CREATE 6.3.3, DELETE 6.3.4, RENAME 6.3.5), written once for
 * every store. A store provides only the primitive operations on one account's mailboxes
 * (MailboxFolders); what may be made, removed or moved, and in which order, is decided here.
 *
 * No mailbox is ever \Noselect in this store: the superiors CREATE and RENAME make are real
 * mailboxes, and DELETE removes the name it is given only, so its inferiors outlive it.
 */
export interface MailboxFolders {
  /** Every mailbox of the account, INBOX included (the account is made on first use). */
  names(account: string): Promise<string[]>;
  /** Make one empty mailbox whose superiors exist; MailboxExistsError if it is there already. */
  make(account: string, name: string): Promise<void>;
  /** Remove one mailbox with its messages (not its inferiors); NoSuchMailboxError if it is not there. */
  drop(account: string, name: string): Promise<void>;
  /** Move one mailbox whole to a free name whose superiors exist: messages, UIDs and UIDVALIDITY stay. */
  move(account: string, from: string, to: string): Promise<void>;
}

/** The message operations renaming INBOX is made of: the store's own. */
export type MessageMoves = Pick<MailStore, 'list' | 'copy' | 'remove'>;

export class MailboxPolicy {
  constructor(
    private readonly store: MailboxFolders,
    private readonly messages: MessageMoves,
    private readonly emit: (change: StoreChange) => void,
  ) {}

  /**
   * RFC 3501 6.3.3: it is an error to create INBOX or a name that exists; superiors that do
   * not exist yet are created too ("foo/bar/zap" makes "foo" and "foo/bar").
   */
  async create(account: string, name: string): Promise<void> {
    const canonical = canonicalMailbox(name);
    const existing = await this.store.names(account);
    if (isInbox(canonical) || existing.includes(canonical)) throw new MailboxExistsError(canonical);
    await this.makeSuperiors(account, canonical, existing);
    await this.store.make(account, canonical);
    this.changed(account);
  }

  /** RFC 3501 6.3.4: INBOX cannot be deleted; inferiors are not removed with their superior. */
  async delete(account: string, name: string): Promise<void> {
    const canonical = canonicalMailbox(name);
    if (isInbox(canonical)) throw new MailboxNameError('INBOX cannot be deleted (RFC 3501 6.3.4)');
    await this.store.drop(account, canonical);
    this.changed(account);
  }

  /**
   * RFC 3501 6.3.5: the source must exist and the target must not; inferiors are renamed with
   * it (and none may land on an existing name); superiors of the target are created. Renaming
   * INBOX moves its messages to a new mailbox and leaves INBOX empty, its inferiors unaffected.
   */
  async rename(account: string, from: string, to: string): Promise<void> {
    const src = canonicalMailbox(from);
    const dst = canonicalMailbox(to);
    const existing = await this.store.names(account);
    if (!existing.includes(src)) throw new NoSuchMailboxError(src);
    if (existing.includes(dst)) throw new MailboxExistsError(dst);
    if (isSameOrInferior(dst, src)) throw new MailboxNameError(`cannot rename ${src} into itself`);
    if (isInbox(src)) return this.renameInbox(account, dst);
    const moving = existing.filter((n) => isSameOrInferior(n, src));
    const clash = moving.map((n) => dst + n.slice(src.length)).find((n) => existing.includes(n));
    if (clash) throw new MailboxExistsError(clash);
    await this.makeSuperiors(account, dst, existing);
    // A superior moves before its inferiors (names() is sorted), so each move's parent exists.
    for (const n of moving) await this.store.move(account, n, dst + n.slice(src.length));
    this.changed(account);
  }

  private async renameInbox(account: string, dst: string): Promise<void> {
    await this.create(account, dst);
    const uids = (await this.messages.list(account, INBOX)).map((m) => m.uid);
    await this.messages.copy(account, INBOX, uids, dst);
    await this.messages.remove(account, INBOX, uids);
  }

  /** Superiors missing from `existing`; one made meanwhile by another process is no error. */
  private async makeSuperiors(account: string, canonical: string, existing: readonly string[]): Promise<void> {
    for (const superior of superiorsOf(canonical)) {
      if (existing.includes(superior)) continue;
      await this.store.make(account, superior).catch((err: unknown) => {
        if (!(err instanceof MailboxExistsError)) throw err;
      });
    }
  }

  private changed(account: string): void {
    this.emit({ kind: 'mailboxes', account: canonicalAccount(account) });
  }
}
