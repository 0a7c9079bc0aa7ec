import { registry } from '../../command.js';
import { appendSpec } from './append.js';
import { authenticateSpec } from './authenticate.js';
import { capabilitySpec } from './capability.js';
import { closeSpec, unselectSpec } from './close.js';
import { copySpec, uidCopySpec } from './copy.js';
import { createSpec } from './create.js';
import { deleteSpec } from './delete.js';
import { enableSpec } from './enable.js';
import { expungeSpec, uidExpungeSpec } from './expunge.js';
import { fetchSpec, uidFetchSpec } from './fetch.js';
import { idSpec } from './id.js';
import { idleSpec } from './idle.js';
import { listSpec, lsubSpec } from './list.js';
import { loginSpec } from './login.js';
import { logoutSpec } from './logout.js';
import { namespaceSpec } from './namespace.js';
import { checkSpec, noopSpec } from './noop.js';
import { renameSpec } from './rename.js';
import { searchSpec, uidSearchSpec } from './search.js';
import { examineSpec, selectSpec } from './select.js';
import type { ImapCommandSpec, ImapContext, ImapOutcome, ImapState, ImapTokens } from '../types.js';
import { starttlsSpec } from './starttls.js';
import { statusSpec } from './status.js';
import { storeSpec, uidStoreSpec } from './store.js';
import { subscribeSpec, unsubscribeSpec } from './subscribe.js';

/**
 * Every IMAP command l7lab speaks, by name: the dispatcher's only table (runCommand in
 * protocols/command.ts). UID commands are registered under their two-word name
 * (`UID FETCH`), so the dispatcher checks them like any other.
 */
export const IMAP_COMMANDS: ReadonlyMap<string, ImapCommandSpec> = registry<ImapState, ImapContext, ImapTokens, ImapOutcome>([
  // any state (RFC 3501 6.1)
  capabilitySpec,
  noopSpec,
  logoutSpec,
  idSpec,
  // not authenticated (6.2)
  starttlsSpec,
  loginSpec,
  authenticateSpec,
  // authenticated (6.3)
  selectSpec,
  examineSpec,
  createSpec,
  deleteSpec,
  renameSpec,
  subscribeSpec,
  unsubscribeSpec,
  listSpec,
  lsubSpec,
  statusSpec,
  appendSpec,
  namespaceSpec,
  enableSpec,
  idleSpec,
  // selected (6.4)
  checkSpec,
  closeSpec,
  unselectSpec,
  expungeSpec,
  searchSpec,
  fetchSpec,
  storeSpec,
  copySpec,
  uidFetchSpec,
  uidStoreSpec,
  uidSearchSpec,
  uidCopySpec,
  uidExpungeSpec,
]) as ReadonlyMap<string, ImapCommandSpec>;
