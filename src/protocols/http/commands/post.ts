import { appMethod } from './args.js';

/**
 * POST (RFC 9110 9.3.3): the target resource processes the enclosed body by its own rules.
 * C: POST /api/things HTTP/1.1
 * C: Content-Length: 9
 * S: HTTP/1.1 201 Created
 */
export const post = appMethod('POST', 'RFC 9110 9.3.3');
