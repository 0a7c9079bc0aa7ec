/**
 * \Recent (RFC 3501 2.3.2): a message is recent in exactly one session, the first to see
 * it with SELECT (not EXAMINE, which changes nothing) or as new mail while selected. The
 * registry is shared by the sessions of one server and remembers, per mailbox incarnation
 * (account, name, UIDVALIDITY), the highest UID some session has already claimed. UIDs
 * only grow (RFC 3501 2.3.1.1), so one number per mailbox is enough. It lives in memory: a
 * restarted lab server shows everything as recent once, which is allowed.
 */
export class RecentRegistry {
  private readonly claimed = new Map<string, number>();

  private key(account: string, mailbox: string, uidValidity: number): string {
    return `${account}\0${mailbox}\0${uidValidity}`;
  }

  /** Claim the UIDs no session has seen yet; returns them (they are \Recent for the caller). */
  claim(account: string, mailbox: string, uidValidity: number, uids: readonly number[]): number[] {
    const key = this.key(account, mailbox, uidValidity);
    const last = this.claimed.get(key) ?? 0;
    const fresh = uids.filter((uid) => uid > last);
    if (fresh.length > 0) this.claimed.set(key, Math.max(last, ...fresh.slice(-1)));
    return fresh;
  }

  /** The UIDs nobody has claimed yet, without claiming them (EXAMINE and STATUS only look). */
  peek(account: string, mailbox: string, uidValidity: number, uids: readonly number[]): number[] {
    const last = this.claimed.get(this.key(account, mailbox, uidValidity)) ?? 0;
    return uids.filter((uid) => uid > last);
  }
}
