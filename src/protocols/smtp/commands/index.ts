import { registry } from '../../command.js';
import type { SmtpCommand } from '../types.js';
import { auth } from './auth.js';
import { data } from './data.js';
import { ehlo } from './ehlo.js';
import { helo } from './helo.js';
import { help } from './help.js';
import { mail } from './mail.js';
import { noop } from './noop.js';
import { quit } from './quit.js';
import { rcpt } from './rcpt.js';
import { rset } from './rset.js';
import { starttls } from './starttls.js';
import { vrfy } from './vrfy.js';

/** Every SMTP command the lab server speaks, keyed by verb: the dispatcher's only table. */
export const SMTP_COMMANDS: ReadonlyMap<string, SmtpCommand> = registry([ehlo, helo, starttls, auth, mail, rcpt, data, rset, noop, vrfy, help, quit]);
