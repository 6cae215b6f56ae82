// Sleep, wake, lock and unlock, passed to the core, which tells the renderer: the softphone
// registers again after resume/unlock (its WebSocket to the PBX is usually dead by then).
import { powerMonitor } from 'electron';
import type { PowerEvent } from '../../preload/contract';
import type { CoreClient } from './core-client';
import type { ShellLog } from './log';

export function forwardPowerEvents(client: CoreClient, log: ShellLog): void {
  const forward = (event: PowerEvent) => () => {
    log.info('power event', { event });
    client.request('system.power', { event }).catch((error: unknown) => log.warn('power event not delivered', { event, error: String(error) }));
  };
  powerMonitor.on('suspend', forward('suspend'));
  powerMonitor.on('resume', forward('resume'));
  powerMonitor.on('lock-screen', forward('lock-screen'));
  powerMonitor.on('unlock-screen', forward('unlock-screen'));
}
