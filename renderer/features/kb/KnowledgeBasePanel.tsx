import { Field, SearchBox } from '@fluentui/react-components';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useBackendState } from '../../app/backend-state';
import { Region } from '../../app/Region';
import { StateLine } from '../../app/StateLine';

/**
 * The knowledge base. No articles are synchronized yet, so the search says so instead of
 * pretending: the index arrives with sync from the city backend.
 */
export function KnowledgeBasePanel({ className }: { className?: string }) {
  const { t } = useTranslation();
  const backend = useBackendState();
  const [query, setQuery] = useState('');

  return (
    <Region region="kb" className={className} title={t('kb.title')}>
      <Field label={t('kb.searchLabel')} hint={t('kb.searchHint')}>
        <SearchBox data-kb-search value={query} onChange={(_, data) => setQuery(data.value)} />
      </Field>
      <div aria-live="polite">
        {query.trim() !== '' && <StateLine strong testId="kb-results">{t('kb.noResults', { query: query.trim() })}</StateLine>}
      </div>
      <StateLine strong testId="kb-state">
        {t('kb.empty')}
      </StateLine>
      {backend && <StateLine testId="kb-backend">{t(`kb.backend.${backend}`)}</StateLine>}
    </Region>
  );
}
