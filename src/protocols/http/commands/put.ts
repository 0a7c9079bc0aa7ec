import { appMethod } from './args.js';

/**
 * PUT (RFC 9110 9.3.4): create or replace the target resource with the enclosed representation.
 * C: PUT /notes/1 HTTP/1.1
 * C: Content-Length: 5
 * S: HTTP/1.1 204 No Content
 */
export const put = appMethod('PUT', 'RFC 9110 9.3.4');
