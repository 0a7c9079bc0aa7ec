import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * Where l7lab keeps the user's things, following the XDG Base Directory spec:
 * captured mail (data) survives restarts; progress and history (state) are per user.
 * Nothing is ever written into the package's own lessons/ directory.
 */
export interface UserDirs {
  data: string;
  state: string;
}

export function userDirs(env: NodeJS.ProcessEnv = process.env): UserDirs {
  const home = env.HOME && env.HOME.length > 0 ? env.HOME : homedir();
  const data = env.XDG_DATA_HOME && env.XDG_DATA_HOME.startsWith('/') ? env.XDG_DATA_HOME : join(home, '.local', 'share');
  const state = env.XDG_STATE_HOME && env.XDG_STATE_HOME.startsWith('/') ? env.XDG_STATE_HOME : join(home, '.local', 'state');
  return { data: join(data, 'l7lab'), state: join(state, 'l7lab') };
}

/** Default Maildir root used by `serve` and `mail`. */
export function defaultMailStoreDir(env: NodeJS.ProcessEnv = process.env): string {
  return join(userDirs(env).data, 'mail');
}
