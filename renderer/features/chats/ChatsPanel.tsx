import { useTranslation } from 'react-i18next';
import { useBackendState } from '../../app/backend-state';
import { Region } from '../../app/Region';
import { StateLine } from '../../app/StateLine';

/** Chats come only through the city backend's live channel, so its state is the chats' state. */
export function ChatsPanel({ className }: { className?: string }) {
  const { t } = useTranslation();
  const backend = useBackendState();
  const key = backend === 'reachable' ? 'chats.none' : `chats.backend.${backend ?? 'checking'}`;
  return (
    <Region region="chats" className={className} title={t('chats.title')}>
      <StateLine strong testId="chats-state">
        {t(key)}
      </StateLine>
    </Region>
  );
}
