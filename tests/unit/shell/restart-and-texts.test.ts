import { describe, expect, it } from 'vitest';
import { quitDialogText, trayTooltip } from '../../../main/shell/desk-texts';
import { mayRestart } from '../../../main/shell/restart-policy';

describe('core restart policy', () => {
  it('allows a few restarts a minute, then gives up, and forgives old ones', () => {
    const policy = { maxRestarts: 3, windowMs: 60_000 };
    expect(mayRestart([], 1_000, policy)).toBe(true);
    expect(mayRestart([1_000, 2_000], 3_000, policy)).toBe(true);
    expect(mayRestart([1_000, 2_000, 3_000], 4_000, policy)).toBe(false);
    expect(mayRestart([1_000, 2_000, 3_000], 62_000, policy)).toBe(true);
  });
});

describe('shell texts', () => {
  it('explains in Polish, with Polish plurals, what quitting would do', () => {
    expect(quitDialogText({ activeCalls: 1, unsentCount: 0 }, 'pl').detail).toBe('Trwa 1 rozmowa; zamknięcie ją rozłączy.');
    expect(quitDialogText({ activeCalls: 2, unsentCount: 0 }, 'pl').detail).toContain('Trwają 2 rozmowy');
    const unsent = quitDialogText({ activeCalls: 0, unsentCount: 5 }, 'pl');
    expect(unsent.detail).toContain('5 spraw nie zostało wysłanych');
    expect(unsent.detail).toContain('zapisane na tym komputerze');
    expect(quitDialogText({ activeCalls: 0, unsentCount: 22 }, 'pl').detail).toContain('22 sprawy');
    expect(quitDialogText({ activeCalls: 0, unsentCount: 12 }, 'pl').detail).toContain('12 spraw');
    expect(unsent.quit).toBe('Zamknij');
  });

  it('speaks English when chosen, and admits when it could not check', () => {
    const text = quitDialogText({ activeCalls: 1, unsentCount: 3, unknown: false }, 'en');
    expect(text.detail).toContain('1 call is in progress');
    expect(text.detail).toContain('3 items have not been sent yet');
    expect(quitDialogText({ activeCalls: 0, unsentCount: 0, unknown: true }, 'en').detail).toContain('could not check');
  });

  it('names the state in the tray tooltip', () => {
    expect(trayTooltip('on_call', 0, 'pl')).toBe('Konsola: W rozmowie');
    expect(trayTooltip('available', 4, 'en')).toBe('Desk: Available · 4 unsent');
  });
});
