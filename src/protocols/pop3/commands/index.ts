import { registry } from '../../command.js';
import type { Pop3Context, Pop3Outcome, Pop3State } from '../types.js';
import { apop } from './apop.js';
import { auth } from './auth.js';
import { capa } from './capa.js';
import { dele } from './dele.js';
import { list } from './list.js';
import { noop } from './noop.js';
import { pass } from './pass.js';
import { quit } from './quit.js';
import { retr } from './retr.js';
import { rset } from './rset.js';
import { stat } from './stat.js';
import { stls } from './stls.js';
import { top } from './top.js';
import { uidl } from './uidl.js';
import { user } from './user.js';

/** Every POP3 command l7lab knows, keyed by keyword: declared here, dispatched by command.ts's runCommand alone. */
export const POP3_COMMANDS = registry<Pop3State, Pop3Context, string, Pop3Outcome>([user, pass, apop, auth, capa, stls, stat, list, uidl, retr, top, dele, rset, noop, quit]);
