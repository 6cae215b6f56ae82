import { create } from 'zustand';
import type { SettingsSection } from '../../../preload/contract';

interface UiStore {
  settingsOpen: boolean;
  /** The section the dialog scrolls to and focuses first, e.g. "sip" from the softphone. */
  settingsSection: SettingsSection;
  helpOpen: boolean;
  signInOpen: boolean;
  reviewOpen: boolean;
  openSettings(section?: SettingsSection): void;
  closeSettings(): void;
  setHelpOpen(open: boolean): void;
  setSignInOpen(open: boolean): void;
  setReviewOpen(open: boolean): void;
}

export const useUiStore = create<UiStore>()((set) => ({
  settingsOpen: false,
  settingsSection: 'backend',
  helpOpen: false,
  signInOpen: false,
  reviewOpen: false,
  openSettings: (section = 'backend') => set({ settingsOpen: true, settingsSection: section, helpOpen: false }),
  closeSettings: () => set({ settingsOpen: false }),
  setHelpOpen: (helpOpen) => set({ helpOpen }),
  setSignInOpen: (signInOpen) => set({ signInOpen, helpOpen: false }),
  setReviewOpen: (reviewOpen) => set({ reviewOpen, helpOpen: false }),
}));
