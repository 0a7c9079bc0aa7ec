import type { Protocol } from './protocol.js';

/**
 * The server modules of the lab, loaded when a lab starts the protocol, not when lab.ts is
 * imported (issue 19: the first lesson screen loaded every server and the web inbox, with
 * mailparser, ~320 modules, whatever the lesson used). The imports run side by side.
 */
export interface ServerModules {
  smtp?: typeof import('./protocols/smtp/server.js');
  pop3?: typeof import('./protocols/pop3/server.js');
  imap?: typeof import('./protocols/imap/server.js') & typeof import('./protocols/imap/recent.js');
  /** The HTTP server, and the web inbox (web/app.ts) it serves when the lab is given no app of its own. */
  http?: typeof import('./protocols/http/server.js') & Partial<typeof import('./web/app.js')>;
  dns?: typeof import('./protocols/dns/hierarchy.js');
}

async function imap(): Promise<ServerModules['imap']> {
  const [server, recent] = await Promise.all([import('./protocols/imap/server.js'), import('./protocols/imap/recent.js')]);
  return { ...server, ...recent };
}

async function http(webInbox: boolean): Promise<ServerModules['http']> {
  const [server, web] = await Promise.all([import('./protocols/http/server.js'), webInbox ? import('./web/app.js') : Promise.resolve({})]);
  return { ...server, ...web };
}

const LOADERS: { [P in Protocol]: (webInbox: boolean) => Promise<ServerModules[P]> } = {
  smtp: () => import('./protocols/smtp/server.js'),
  pop3: () => import('./protocols/pop3/server.js'),
  imap: () => imap(),
  http: (webInbox) => http(webInbox),
  dns: () => import('./protocols/dns/hierarchy.js'),
};

/** The modules of the protocols named; the web inbox only when HTTP serves it. */
export async function loadServers(protocols: readonly Protocol[], webInbox: boolean): Promise<ServerModules> {
  const entries = await Promise.all([...new Set(protocols)].map(async (p) => [p, await LOADERS[p](webInbox)] as const));
  return Object.fromEntries(entries) as ServerModules;
}
