import { UnknownCommandError } from '../errors.js';
import { HttpError, type HttpErrorReason } from './errors.js';
import type { HttpResponse } from './types.js';

/** Reason phrases (RFC 9110 15): informative only, a client must not depend on them (RFC 9112 4). */
export const STATUS_TEXT: Readonly<Record<number, string>> = {
  100: 'Continue',
  200: 'OK',
  201: 'Created',
  204: 'No Content',
  206: 'Partial Content',
  301: 'Moved Permanently',
  302: 'Found',
  303: 'See Other',
  304: 'Not Modified',
  307: 'Temporary Redirect',
  308: 'Permanent Redirect',
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  408: 'Request Timeout',
  411: 'Length Required',
  412: 'Precondition Failed',
  413: 'Content Too Large',
  414: 'URI Too Long',
  416: 'Range Not Satisfiable',
  417: 'Expectation Failed',
  421: 'Misdirected Request',
  431: 'Request Header Fields Too Large',
  500: 'Internal Server Error',
  501: 'Not Implemented',
  503: 'Service Unavailable',
  505: 'HTTP Version Not Supported',
};

/** `HTTP/1.1 404 Not Found` (RFC 9112 4): the server always names its own highest version (RFC 9110 6.2). */
export function statusLine(status: number): string {
  return `HTTP/1.1 ${status} ${STATUS_TEXT[status] ?? 'Unknown'}`;
}

/** A refusal the protocol side makes on its own, with what went wrong as a short text body. */
export interface Refusal {
  response: HttpResponse;
  reason: HttpErrorReason;
  /** The framing is lost or the body is unread: the connection must close after it. */
  close: boolean;
}

function textResponse(status: number, text: string, headers: Record<string, string> = {}): HttpResponse {
  return { status, headers: { 'Content-Type': 'text/plain; charset=utf-8', ...headers }, body: `${status} ${STATUS_TEXT[status] ?? ''}: ${text}\n` };
}

/**
 * The one place an error becomes a status response. An unknown method is the dispatcher's
 * UnknownCommandError: 501 (RFC 9110 15.6.2), and the message was read whole, so the connection
 * may go on. Null for anything else (a bug, or the app failing: the session answers 500).
 */
export function renderError(err: unknown): Refusal | null {
  if (err instanceof HttpError) return { response: textResponse(err.status, err.message), reason: err.reason, close: err.close };
  if (err instanceof UnknownCommandError) {
    const allow = { Allow: 'GET, HEAD, POST, PUT, DELETE, OPTIONS' };
    return { response: textResponse(501, `the method ${err.command} is not implemented (RFC 9110 15.6.2)`, allow), reason: 'method', close: false };
  }
  return null;
}

/** The app threw: 500 for this request only (RFC 9110 15.6.1). */
export function internalError(): HttpResponse {
  return textResponse(500, 'the server failed while answering this request');
}

/** The Step the LineServer writes, then closes, when the connection cap is reached (RFC 9110 15.6.4). */
export const HTTP_BUSY_REPLY = `${statusLine(503)}\r\nContent-Length: 0\r\nRetry-After: 1\r\nConnection: close\r\n`;
export const HTTP_INTERNAL_ERROR_REPLY = `${statusLine(500)}\r\nContent-Length: 0\r\nConnection: close\r\n`;
