import { startLab } from '../lab.js';
import { MemoryStore } from '../mailstore/memory.js';
import { createWebApp } from '../web/app.js';
import type { StartLab } from './lab-types.js';

/**
 * The lab a lesson runs on: the real servers, the HTTP one serving the web inbox, its JSON API
 * and the lesson pages (web/) over the lab's own store, so the http lessons can read back the
 * mail sent to the lab's SMTP server. Loaded with a dynamic import, like the lab itself.
 */
export const startLessonLab: StartLab = (opts) => {
  const store = new MemoryStore();
  return startLab({ ...opts, store, httpApp: createWebApp({ store, ...(opts.lang ? { lang: opts.lang } : {}) }) });
};
