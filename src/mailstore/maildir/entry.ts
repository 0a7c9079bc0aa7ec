/** Where a delivered message's file is: new/ until a reader has seen it, then cur/ (the Maildir convention). */
export type Sub = 'new' | 'cur';

/** One message of a Maildir folder as its index knows it (folder-index.ts, entry-table.ts). */
export interface Entry {
  uid: number;
  base: string;
  name: string;
  sub: Sub;
  size: number;
  date: number;
  flags: string[];
  /** Info letters l7lab does not interpret (P, Dovecot keyword letters), kept on rename. */
  other: string;
  id?: string;
}
