// The tray icon: the consultant's state at a glance (colour and tooltip), and a way back to the
// window or out of the app.
import { join } from 'node:path';
import { Menu, Tray, nativeImage } from 'electron';
import type { AgentState, DeskStatus, Language } from '../../preload/contract';
import { trayMenuLabels, trayTooltip } from './desk-texts';

export class DeskTray {
  private readonly tray: Tray;
  private state: AgentState = 'logged_out';
  private unsent = 0;
  private language: Language = 'pl';

  constructor(
    private readonly iconsDir: string,
    private readonly actions: { show(): void; quit(): void },
  ) {
    this.tray = new Tray(this.icon('logged_out'));
    this.tray.on('click', () => actions.show());
    this.render();
  }

  showStatus(status: DeskStatus): void {
    this.state = status.agent.state;
    this.unsent = status.unsentCount;
    this.render();
  }

  setLanguage(language: Language): void {
    this.language = language;
    this.render();
  }

  destroy(): void {
    this.tray.destroy();
  }

  private icon(state: AgentState) {
    // nativeImage picks tray-<state>@2x.png by itself on high-density screens.
    return nativeImage.createFromPath(join(this.iconsDir, `tray-${state}.png`));
  }

  private render(): void {
    if (this.tray.isDestroyed()) return;
    this.tray.setImage(this.icon(this.state));
    this.tray.setToolTip(trayTooltip(this.state, this.unsent, this.language));
    const labels = trayMenuLabels(this.language);
    this.tray.setContextMenu(
      Menu.buildFromTemplate([
        { label: labels.show, click: () => this.actions.show() },
        { type: 'separator' },
        { label: labels.quit, click: () => this.actions.quit() },
      ]),
    );
  }
}
