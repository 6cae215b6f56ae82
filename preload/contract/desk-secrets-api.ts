/**
 * What preload exposes on `window.deskSecrets` in Electron (absent in the browser host): the SIP
 * password and TURN credential sealed and opened with the OS keyring through the shell's
 * `safeStorage`, so the core only ever stores ciphertext. See docs/decisions/0008-sip-password.md.
 * Types and channel names only: the sandboxed preload imports nothing else.
 */
export interface DeskSecretsApi {
  /** Encrypts a secret; resolves with base64 ciphertext. Rejects when the OS offers no keyring. */
  seal(plain: string): Promise<string>;
  /** Decrypts what `seal` returned (on this machine, for this OS user). */
  open(sealed: string): Promise<string>;
}

/** The IPC channels behind DeskSecretsApi (ipcRenderer.invoke -> ipcMain.handle). */
export const DESK_SECRETS_CHANNELS = { seal: 'desk-secrets:seal', open: 'desk-secrets:open' } as const;

/** Longest secret accepted for sealing, and longest ciphertext (base64) accepted for opening. */
export const DESK_SECRET_MAX_CHARS = 1024;
export const DESK_SEALED_MAX_CHARS = 8192;
