import { useEffect, useRef } from 'react';
import { findShortcut } from './registry';
import type { ShortcutId } from './registry';

export type ShortcutHandlers = Partial<Record<ShortcutId, () => void>>;

/** A modal dialog owns the keyboard while it is open (Escape closes it; Fluent handles that). */
function modalOpen(): boolean {
  return document.querySelector('[role="dialog"][aria-modal="true"], [role="alertdialog"][aria-modal="true"]') !== null;
}

/** One window-wide listener that runs the handler registered for the pressed shortcut. */
export function useShortcuts(handlers: ShortcutHandlers): void {
  const latest = useRef(handlers);
  latest.current = handlers;
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent): void => {
      if (event.defaultPrevented || event.repeat || event.isComposing) return;
      const shortcut = findShortcut(event);
      if (!shortcut || modalOpen()) return;
      const handler = latest.current[shortcut.id];
      if (!handler) return;
      event.preventDefault();
      handler();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
}
