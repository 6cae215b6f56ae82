import { homedir } from 'node:os';
import { join } from 'node:path';
import { version } from '../../package.json';

export const APP_VERSION: string = version;
export const APP_DIR_NAME = 'konsola-konsultanta';

/** Where the desk keeps its data when no folder is given: the OS's per-user data folder. */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), APP_DIR_NAME);
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', APP_DIR_NAME);
  return join(env.XDG_DATA_HOME ?? join(homedir(), '.local', 'share'), APP_DIR_NAME);
}
