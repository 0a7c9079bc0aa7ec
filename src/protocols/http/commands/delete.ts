import { appMethod } from './args.js';

/**
 * DELETE (RFC 9110 9.3.5): remove the association between the target resource and its representation.
 * C: DELETE /api/messages/1 HTTP/1.1
 * S: HTTP/1.1 204 No Content
 */
export const del = appMethod('DELETE', 'RFC 9110 9.3.5');
