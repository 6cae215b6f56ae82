// The shell's half of `window.deskSecrets` (preload): the SIP password and the TURN credential
// sealed and opened with Electron's safeStorage (the OS keyring). Only the desk's own pages may
// ask; anything else, or a keyring Electron cannot use safely, is refused. The renderer then keeps
// the secret as the browser host does ('plain', decision 0008).
import { ipcMain, safeStorage } from 'electron';
import type { IpcMainInvokeEvent } from 'electron';
import { DESK_SEALED_MAX_CHARS, DESK_SECRET_MAX_CHARS, DESK_SECRETS_CHANNELS } from '../../preload/contract/desk-secrets-api';
import { isAppOrigin } from './app-origin';
import type { ShellLog } from './log';

/** Whether safeStorage really encrypts here: on Linux without a keyring it would only obfuscate. */
function keyringUsable(): boolean {
  if (!safeStorage.isEncryptionAvailable()) return false;
  return process.platform !== 'linux' || safeStorage.getSelectedStorageBackend() !== 'basic_text';
}

function checkedText(value: unknown, max: number): string {
  if (typeof value !== 'string' || value.length === 0 || value.length > max) throw new Error('invalid_secret');
  return value;
}

export function handleDeskSecrets(appOrigin: () => string, log: ShellLog): void {
  const trusted = (event: IpcMainInvokeEvent): boolean => isAppOrigin(event.senderFrame?.url, appOrigin());
  const guard = (event: IpcMainInvokeEvent, channel: string): void => {
    if (!trusted(event)) {
      log.warn('desk secrets asked by a page that is not the desk', { channel });
      throw new Error('forbidden');
    }
    if (!keyringUsable()) throw new Error('keyring_unavailable');
  };
  ipcMain.handle(DESK_SECRETS_CHANNELS.seal, (event, plain: unknown) => {
    guard(event, DESK_SECRETS_CHANNELS.seal);
    return safeStorage.encryptString(checkedText(plain, DESK_SECRET_MAX_CHARS)).toString('base64');
  });
  ipcMain.handle(DESK_SECRETS_CHANNELS.open, (event, sealed: unknown) => {
    guard(event, DESK_SECRETS_CHANNELS.open);
    const text = checkedText(sealed, DESK_SEALED_MAX_CHARS);
    if (!/^[A-Za-z0-9+/]+={0,2}$/.test(text)) throw new Error('invalid_secret');
    return safeStorage.decryptString(Buffer.from(text, 'base64'));
  });
}
