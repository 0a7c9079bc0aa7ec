import type { CommandSpec, OutcomeBase } from '../command.js';
import type { TargetForm } from './parser.js';
import type { HttpApp, HttpRequest, HttpResponse, HttpState } from './types.js';

/**
 * The session side of the method specs (the contract with the app is types.ts). A method is
 * given on the request line, so every spec declares the state `request-line`; the session runs
 * it once the message (head and body) is complete.
 */
export interface HttpContext {
  readonly app: HttpApp;
  /** Aborts when the client goes away (a long-poll stops waiting). */
  readonly signal: AbortSignal;
}

/** What the dispatcher parses: the assembled request and the form its target had (RFC 9112 3.2). */
export interface HttpRaw {
  request: HttpRequest;
  form: TargetForm;
}

export interface HttpOutcome extends OutcomeBase<HttpState> {
  response: HttpResponse;
}

export type HttpSpec = CommandSpec<HttpState, HttpRequest, HttpContext, HttpRaw, HttpOutcome>;
