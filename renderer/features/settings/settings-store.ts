import { create } from 'zustand';
import type { Settings, SettingsPatch } from '../../../preload/contract';
import { bridge } from '../../bridge';

interface SettingsStore {
  settings: Settings | null;
  set(settings: Settings): void;
  /** Saves some sections; rejects with a BridgeRequestError (invalid_settings carries the issues). */
  save(patch: SettingsPatch): Promise<Settings>;
}

/** The saved settings, as the core holds them; settings.changed keeps every window in step. */
export const useSettingsStore = create<SettingsStore>()((set) => ({
  settings: null,
  set: (settings) => set({ settings }),
  save: async (patch) => {
    const settings = await bridge().request('settings.update', patch);
    set({ settings });
    return settings;
  },
}));
