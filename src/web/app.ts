import type { Lang } from '../i18n.js';
import type { MailStore } from '../mailstore/types.js';
import type { HttpApp, HttpResponse } from '../protocols/http/types.js';
import { deleteMessage, getHtml, getMessage, getPart, getRaw } from './api-message.js';
import { deleteAll, listMessages } from './api-messages.js';
import { getTranscript } from './api-transcript.js';
import { ASSET_ROUTES } from './assets.js';
import { Catalog } from './catalog.js';
import type { ChangeSource } from './changes.js';
import { guard, type GuardTexts } from './guard.js';
import { langOfRequest, sayer, type Say } from './lang.js';
import { LESSON_ROUTES } from './lesson-pages.js';
import { inboxPage, messagePage } from './pages.js';
import { BadQueryError, param } from './query.js';
import { jsonError } from './respond.js';
import { route, type Route } from './router.js';

/**
 * What the lab's HTTP server serves (protocols/http/types.ts is the contract): the web inbox,
 * its JSON API over the mail store, and the http lesson's pages; every request first passes
 * the guard (DNS rebinding, CSRF). Routes are listed here, once; each lives in its own file.
 */
export interface WebAppOptions {
  store: MailStore;
  /** The language when neither `?lang=` nor Accept-Language names en or ja. */
  lang?: Lang;
  /** What wakes a long poll; the store's own change feed by default (changes.ts). */
  changes?: ChangeSource;
}

function routes(opts: WebAppOptions, catalog: Catalog): Route[] {
  const deps = { catalog, store: opts.store };
  const changes = opts.changes ?? opts.store;
  return [
    { pattern: '/', methods: { GET: inboxPage } },
    { pattern: '/messages/:id', methods: { GET: messagePage(deps) } },
    { pattern: '/api/messages', methods: { GET: listMessages({ ...deps, changes }), DELETE: deleteAll(deps) } },
    { pattern: '/api/messages/:id', methods: { GET: getMessage(deps), DELETE: deleteMessage(deps) } },
    { pattern: '/api/messages/:id/raw', methods: { GET: getRaw(deps) } },
    { pattern: '/api/messages/:id/html', methods: { GET: getHtml(deps) } },
    { pattern: '/api/messages/:id/parts/:n', methods: { GET: getPart(deps) } },
    { pattern: '/api/messages/:id/transcript', methods: { GET: getTranscript(deps) } },
    ...ASSET_ROUTES,
    ...LESSON_ROUTES,
  ];
}

/** A language's words and the guard's refusals in them, made once per language, not per request. */
interface Words {
  say: Say;
  guard: GuardTexts;
}

function wordsOf(lang: Lang): Words {
  const say = sayer(lang);
  return {
    say,
    guard: {
      notLoopback: (host) => say('errNotLoopback', { host }),
      crossOrigin: (origin) => say('errCrossOrigin', { origin }),
      noHeader: () => say('errNoHeader'),
    },
  };
}

const WORDS: Readonly<Record<Lang, Words>> = { en: wordsOf('en'), ja: wordsOf('ja') };

export function createWebApp(opts: WebAppOptions): HttpApp {
  const handle = route(routes(opts, new Catalog(opts.store)));
  const fallback = opts.lang ?? 'en';
  // Not async: an answer known at once (a polled listing) goes back without a promise.
  return (request, signal) => {
    const lang = langOfRequest(request, fallback);
    const { say, guard: texts } = WORDS[lang];
    const refused = guard(request, texts);
    if (refused) return refused;
    const asked = param(request, 'lang');
    if (asked !== null && asked !== 'en' && asked !== 'ja') return jsonError(400, say('errBadLang', { value: asked }));
    try {
      const answer = handle({ request, params: {}, signal, lang, say });
      return answer instanceof Promise ? answer.catch(badQuery) : answer;
    } catch (err) {
      return badQuery(err);
    }
  };
}

/** A query parameter the handler could not use is the client's mistake: 400 with why. */
function badQuery(err: unknown): HttpResponse {
  if (err instanceof BadQueryError) return jsonError(400, err.message);
  throw err;
}
