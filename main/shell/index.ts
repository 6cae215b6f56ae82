// The Electron shell: one instance, one locked-down window, the core in a utility process joined to
// the window by a MessagePort, and the OS integration (tray, call links, power events, quitting).
// It never imports core code: it talks to the core over the contract like any other client.
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, dialog, session } from 'electron';
import type { BrowserWindow, MessagePortMain } from 'electron';
import type { Language } from '../../preload/contract';
import { APP_ORIGIN, APP_START_URL, originOf } from './app-origin';
import { registerAppScheme, serveRenderer } from './app-protocol';
import { listenForOpenUrl, registerCallLinkSchemes } from './call-link-protocols';
import { callLinkFromArgv } from './call-links';
import { CoreClient } from './core-client';
import type { CorePipe } from './core-client';
import { CoreProcess } from './core-process';
import { handleDeskSecrets } from './desk-secrets';
import { log } from './log';
import { createMainWindow, reveal } from './main-window';
import { shellPaths } from './paths';
import { applyPermissionPolicy } from './permissions';
import { forwardPowerEvents } from './power';
import { installQuitGuard } from './quit-guard';
import { DeskTray } from './tray';
import { guardAllWebContents } from './web-contents-guard';

const paths = shellPaths(import.meta.dirname ?? dirname(fileURLToPath(import.meta.url)));

// A separate data folder (tests, a second desk profile). It also moves Chromium's profile and the
// single-instance lock, so an isolated run never meets the consultant's running desk.
if (process.env.DESK_DATA_DIR) app.setPath('userData', resolve(process.env.DESK_DATA_DIR));

// electron-vite dev serves the renderer itself; an installed app never loads a URL from the environment.
const devRendererUrl = !app.isPackaged ? process.env.ELECTRON_RENDERER_URL : undefined;
const appOrigin = (devRendererUrl && originOf(devRendererUrl)) || APP_ORIGIN;

app.enableSandbox(); // every renderer sandboxed, whatever a window's options say
registerAppScheme();
guardAllWebContents(() => appOrigin, log);

let window: BrowserWindow | null = null;
let language: Language = 'pl';
const client = new CoreClient({ onInvalidMessage: (detail) => log.warn('message from the core refused', { detail }) });

// Call links wait until the window is loaded and joined to the core, so the renderer hears them.
const pendingLinks: string[] = [];
let windowJoined = false;
/** The window's current document has loaded far enough that its preload listens for the port. */
let documentReady = false;
function deliverLinks(): void {
  if (!windowJoined || !client.connected) return;
  for (const uri of pendingLinks.splice(0)) {
    client.request('desk.openLink', { uri }).catch((error: unknown) => log.warn('call link not delivered', { error: String(error) }));
  }
}
function receiveLink(link: string): void {
  pendingLinks.push(link);
  reveal(window);
  deliverLinks();
}

function pipe(port: MessagePortMain): CorePipe {
  port.start();
  return {
    send: (message) => port.postMessage(message),
    onMessage: (listener) => port.on('message', (event) => listener(event.data)),
    close: () => port.close(),
  };
}

if (!app.requestSingleInstanceLock()) {
  // The running desk gets our command line (with any call link) through 'second-instance'.
  app.quit();
} else {
  app.on('second-instance', (_event, argv) => {
    reveal(window);
    const link = callLinkFromArgv(argv);
    if (link) receiveLink(link);
  });
  listenForOpenUrl(receiveLink, log);
  const firstLink = callLinkFromArgv(process.argv.slice(1));
  if (firstLink) pendingLinks.push(firstLink);
  void app.whenReady().then(start, (error: unknown) => log.error('app did not start', { error: String(error) }));
}

async function start(): Promise<void> {
  const dataDir = app.getPath('userData');
  log.info('shell starting', { version: app.getVersion(), electron: process.versions.electron, dataDir, dev: Boolean(devRendererUrl) });
  serveRenderer(paths.renderer);
  applyPermissionPolicy(session.defaultSession, { appOrigin, videoCalling: false }, log);
  registerCallLinkSchemes(log);
  handleDeskSecrets(() => appOrigin, log);

  const quitGuard = installQuitGuard({ client, window: () => window, language: () => language, log });
  const core = new CoreProcess({
    entry: paths.core,
    dataDir,
    log,
    onReady: (_ready, restarted) => {
      client.attach(pipe(core.connect()));
      if (restarted) log.warn('core restarted; joining the window again');
      joinWindowToCore(); // first start, or the old port died with the old core
      deliverLinks();
    },
    onGaveUp: (reason) => {
      client.detach();
      dialog.showErrorBox(
        language === 'en' ? 'The desk stopped working' : 'Konsola przestała działać',
        language === 'en'
          ? `The desk's data process stopped and could not be restarted. Work already saved is safe. Restart the desk; if it happens again, call IT support.\n\n${reason}`
          : `Proces danych konsoli zatrzymał się i nie udało się go uruchomić ponownie. Zapisana praca jest bezpieczna. Uruchom konsolę ponownie; jeśli to się powtórzy, zadzwoń do wsparcia IT.\n\n${reason}`,
      );
    },
  });
  app.on('will-quit', () => core.stop());
  app.on('window-all-closed', () => app.quit());

  // The window and the core start together; whichever is second joins them.
  window = createMainWindow({ preload: paths.preload, dataDir, icon: `${paths.icons}/icon.png`, log });
  quitGuard.watch(window);
  window.on('closed', () => {
    window = null;
  });
  // Each document (first load, reload) gets its own fresh port: a port belongs to one page, and it
  // is sent only once that page's preload is listening (dom-ready), never to the page being left.
  window.webContents.on('did-start-navigation', (details) => {
    if (!details.isMainFrame || details.isSameDocument) return;
    documentReady = false;
    windowJoined = false;
  });
  window.webContents.on('dom-ready', () => {
    documentReady = true;
    joinWindowToCore();
  });
  void window.loadURL(devRendererUrl ?? APP_START_URL);

  function joinWindowToCore(): void {
    if (!window || window.isDestroyed() || !documentReady || !core.isReady) return;
    window.webContents.postMessage('core-port', null, [core.connect()]);
    windowJoined = true;
    deliverLinks();
  }

  try {
    await core.start();
  } catch (error) {
    log.error('core did not start', { error: String(error) });
    return;
  }

  // Some Linux desktops have no tray; the desk works without one, so a failure here is only logged.
  let tray: DeskTray | null = null;
  try {
    tray = new DeskTray(paths.icons, { show: () => reveal(window), quit: () => app.quit() });
    app.on('will-quit', () => tray?.destroy());
  } catch (error) {
    log.warn('no tray icon on this desktop', { error: String(error) });
  }
  client.on('status.changed', (status) => tray?.showStatus(status));
  client.on('settings.changed', (settings) => {
    language = settings.ui.language;
    tray?.setLanguage(language);
  });
  client.request('status.get', {}).then((status) => tray?.showStatus(status), () => undefined);
  client.request('settings.get', {}).then(
    (settings) => {
      language = settings.ui.language;
      tray?.setLanguage(language);
    },
    () => undefined, // the store could not be opened: the renderer explains; Polish stays
  );
  forwardPowerEvents(client, log);
}
