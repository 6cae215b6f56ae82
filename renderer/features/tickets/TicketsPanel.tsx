import { useTranslation } from 'react-i18next';
import { useBackendState } from '../../app/backend-state';
import { Region } from '../../app/Region';
import { StateLine } from '../../app/StateLine';

/** Tickets registered at this desk; none exist until the ticket forms arrive. */
export function TicketsPanel({ className }: { className?: string }) {
  const { t } = useTranslation();
  const backend = useBackendState();
  return (
    <Region region="tickets" className={className} title={t('tickets.title')}>
      <StateLine strong testId="tickets-state">
        {t('tickets.none')}
      </StateLine>
      {backend && <StateLine testId="tickets-backend">{t('status.backend', { state: t(`backend.${backend}`) })}</StateLine>}
    </Region>
  );
}
