import { appMethod } from './args.js';

/**
 * GET (RFC 9110 9.3.1): transfer a current representation of the target resource.
 * C: GET / HTTP/1.1
 * C: Host: localhost
 * S: HTTP/1.1 200 OK
 */
export const get = appMethod('GET', 'RFC 9110 9.3.1');
