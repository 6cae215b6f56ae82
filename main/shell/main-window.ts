// The desk's one window: locked-down web preferences, shown when painted, and reopened where the
// consultant left it (if that place is still on a screen).
import { join } from 'node:path';
import { BrowserWindow, screen } from 'electron';
import type { ShellLog } from './log';
import { DEFAULT_SIZE, MIN_HEIGHT, MIN_WIDTH, readWindowState, restorableState, writeWindowState } from './window-state';
import type { WindowState } from './window-state';

export interface MainWindowOptions {
  preload: string;
  dataDir: string;
  icon: string;
  log: ShellLog;
}

export const WINDOW_STATE_FILE = 'window-state.json';

export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const stateFile = join(options.dataDir, WINDOW_STATE_FILE);
  const workAreas = screen.getAllDisplays().map((display) => display.workArea);
  const saved = restorableState(readWindowState(stateFile), workAreas);

  const window = new BrowserWindow({
    ...(saved ? { x: saved.x, y: saved.y, width: saved.width, height: saved.height } : DEFAULT_SIZE),
    minWidth: MIN_WIDTH,
    minHeight: MIN_HEIGHT,
    show: false,
    icon: options.icon,
    backgroundColor: '#ffffff',
    webPreferences: {
      preload: options.preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
      // A consultant on a call has the desk behind other windows: timers and audio must not slow down.
      backgroundThrottling: false,
    },
  });
  if (saved?.maximized) window.maximize();
  window.once('ready-to-show', () => window.show());

  // Saved when the window closes and, debounced, as it moves, so a crash loses little.
  const save = () => {
    if (window.isDestroyed() || window.isMinimized() || window.isFullScreen()) return;
    const bounds = window.getNormalBounds();
    const state: WindowState = { ...bounds, maximized: window.isMaximized() };
    try {
      writeWindowState(stateFile, state);
    } catch (error) {
      options.log.warn('window state not saved', { error: String(error) });
    }
  };
  let timer: ReturnType<typeof setTimeout> | undefined;
  const saveSoon = () => {
    clearTimeout(timer);
    timer = setTimeout(save, 1_000);
  };
  for (const event of ['resize', 'move', 'maximize', 'unmaximize'] as const) window.on(event as 'resize', saveSoon);
  window.on('close', () => {
    clearTimeout(timer);
    save();
  });
  return window;
}

/** Brings the window to the front (second instance started, tray clicked, a call link arrived). */
export function reveal(window: BrowserWindow | null): void {
  if (!window || window.isDestroyed()) return;
  if (window.isMinimized()) window.restore();
  if (!window.isVisible()) window.show();
  window.focus();
}
