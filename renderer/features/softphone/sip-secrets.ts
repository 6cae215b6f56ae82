import { create } from 'zustand';
import type { SecretKind } from '../../../preload/contract';
import type { DeskSecretsApi } from '../../../preload/contract/desk-secrets-api';
import { bridge } from '../../bridge';

/** What the shell's preload offers in Electron: safeStorage sealing (absent in the browser host). */
export function deskSecrets(): DeskSecretsApi | undefined {
  return (window as { deskSecrets?: DeskSecretsApi }).deskSecrets;
}

/** Sealed with the OS keyring when the shell can; else as given (browser host, no usable keyring). */
async function sealed(value: string): Promise<{ secret: string; scheme: 'plain' | 'electron-safe-storage' }> {
  const box = deskSecrets();
  if (value === '' || !box) return { secret: value, scheme: 'plain' };
  try {
    return { secret: await box.seal(value), scheme: 'electron-safe-storage' };
  } catch {
    return { secret: value, scheme: 'plain' }; // the shell refused: no keyring it can use safely (decision 0008)
  }
}

interface PendingSecrets {
  /** Typed in the settings dialog, not saved yet; null = unchanged. '' with `clear` = forget. */
  values: Partial<Record<SecretKind, string>>;
  set(kind: SecretKind, value: string | undefined): void;
  reset(): void;
}

export const usePendingSecrets = create<PendingSecrets>()((set) => ({
  values: {},
  set: (kind, value) =>
    set((state) => {
      const values = { ...state.values };
      if (value === undefined) delete values[kind];
      else values[kind] = value;
      return { values };
    }),
  reset: () => set({ values: {} }),
}));

export function hasPendingSecrets(): boolean {
  return Object.keys(usePendingSecrets.getState().values).length > 0;
}

/**
 * Saves the typed secrets: sealed with Electron's safeStorage when the shell offers it, else as
 * given (browser host). The core never returns them in settings.
 */
export async function savePendingSecrets(): Promise<void> {
  const { values, reset } = usePendingSecrets.getState();
  for (const [kind, value] of Object.entries(values) as [SecretKind, string][]) {
    await bridge().request('softphone.setSecret', { kind, ...(await sealed(value)) });
  }
  reset();
}
