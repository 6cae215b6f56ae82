import { useTranslation } from 'react-i18next';
import { Region } from '../../app/Region';
import { StateLine } from '../../app/StateLine';

/** Who is calling and their history: filled by the softphone's screen pop once calls exist. */
export function CallerCard({ className }: { className?: string }) {
  const { t } = useTranslation();
  return (
    <Region region="caller" className={className} title={t('callers.title')}>
      <StateLine strong testId="caller-state">
        {t('callers.noCall')}
      </StateLine>
    </Region>
  );
}
