import { registry } from '../../command.js';
import type { HttpContext, HttpOutcome, HttpRaw } from '../context.js';
import type { HttpState } from '../types.js';
import { del } from './delete.js';
import { get } from './get.js';
import { head } from './head.js';
import { options } from './options.js';
import { post } from './post.js';
import { put } from './put.js';

/** Every method l7lab implements (RFC 9110 9.3), keyed by name; any other gets 501 from the dispatcher's UnknownCommandError. */
export const HTTP_COMMANDS = registry<HttpState, HttpContext, HttpRaw, HttpOutcome>([get, head, post, put, del, options]);
