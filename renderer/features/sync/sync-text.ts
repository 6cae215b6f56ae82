import type { TFunction } from 'i18next';
import type { SyncStatus } from '../../../preload/contract';

/** "wysłano", "ponowna próba za 30 s", "offline – zapisane lokalnie"…: the state in words. */
export function syncStateText(t: TFunction, sync: SyncStatus, now: number): string {
  // A long first pull (thousands of knowledge-base cards) shows that it is moving.
  if (sync.pull.running && sync.pull.applied > 0) return t('sync.state.pulling', { count: sync.pull.applied });
  switch (sync.state) {
    case 'idle':
      return sync.unsentCount === 0 ? t('sync.state.sent') : t('sync.state.queued');
    case 'waiting': {
      if (sync.nextAttemptAt === null) return t('sync.state.waitingSoon');
      const seconds = Math.max(0, Math.ceil((sync.nextAttemptAt - now) / 1000));
      return seconds === 0 ? t('sync.state.waitingSoon') : t('sync.state.waiting', { seconds });
    }
    default:
      return t(`sync.state.${sync.state}`);
  }
}

/** "5 min", "2 godz.", "3 dni": how long the oldest unsent item has waited. */
export function ageText(t: TFunction, since: number, now: number): string {
  const minutes = Math.floor(Math.max(0, now - since) / 60_000);
  if (minutes < 1) return t('sync.age.lessThanMinute');
  if (minutes < 60) return t('sync.age.minutes', { count: minutes });
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return t('sync.age.hours', { count: hours });
  return t('sync.age.days', { count: Math.floor(hours / 24) });
}
