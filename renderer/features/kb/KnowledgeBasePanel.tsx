import { Badge, Button, Dropdown, Field, Option, SearchBox, Spinner, Text, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { AddRegular } from '@fluentui/react-icons';
import type { KeyboardEvent } from 'react';
import { Suspense, lazy, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { KbArticleView, KbSearchResult } from '../../../preload/contract';
import { useBackendState } from '../../app/backend-state';
import { Region } from '../../app/Region';
import { StateLine } from '../../app/StateLine';
import { bridge } from '../../bridge';
import { useAuthStore } from '../auth/auth-store';
import { Highlighted } from './Highlighted';
import { EMPTY_PROPOSAL, ProposalDialog } from './ProposalDialog';
import { ProposalReview } from './ProposalReview';
import { useKbStore } from './kb-store';

// The reader and its Markdown renderer load on first use: the desk shows without them.
const ArticleView = lazy(() => import('./ArticleView'));

const RESULT_LIMIT = 20;

const useStyles = makeStyles({
  filters: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
  proposals: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
  filter: { flex: '1 1 160px', minWidth: 0 },
  dropdown: { minWidth: 0, width: '100%' },
  list: { listStyle: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  hit: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXXS,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalS}`,
    borderRadius: tokens.borderRadiusMedium,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    cursor: 'pointer',
    ':hover': { backgroundColor: tokens.colorNeutralBackground1Hover },
  },
  active: {
    backgroundColor: tokens.colorNeutralBackground1Selected,
    outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}`,
    outlineOffset: '-1px',
  },
  hitTitle: { fontWeight: tokens.fontWeightSemibold },
  meta: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: tokens.spacingHorizontalS, color: tokens.colorNeutralForeground2 },
  snippet: { color: tokens.colorNeutralForeground1 },
  mark: { backgroundColor: tokens.colorPaletteYellowBackground2, color: tokens.colorNeutralForeground1, borderRadius: tokens.borderRadiusSmall },
  error: { color: tokens.colorPaletteRedForeground1 },
});

interface Shown extends KbSearchResult {
  query: string;
}

type ArticleState = { id: string; article: KbArticleView | null; error: string | null } | null;

/** The query as the core understood it: each corrected word put in place of the typed one. */
export function correctedQuery(query: string, corrections: readonly (readonly [string, string])[]): string {
  const fold = (word: string): string =>
    word
      .toLocaleLowerCase('pl')
      .normalize('NFD')
      .replace(/\p{M}/gu, '')
      .replace(/ł/g, 'l');
  const byTyped = new Map(corrections.map(([typed, corrected]) => [fold(typed), corrected]));
  let replaced = 0;
  const text = query
    .trim()
    .split(/(\s+)/)
    .map((word) => {
      const corrected = byTyped.get(fold(word.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '')));
      if (corrected === undefined) return word;
      replaced++;
      return corrected;
    })
    .join('');
  return replaced > 0 ? text : corrections.map(([, corrected]) => corrected).join(' ');
}

/**
 * The knowledge base: search as you type over the desk's own index (it answers in milliseconds,
 * offline), filters by unit and category, results as a listbox driven from the search field, and
 * the chosen card read in place. With no articles it says so instead of pretending.
 */
export function KnowledgeBasePanel({ className }: { className?: string }) {
  const { t } = useTranslation();
  const styles = useStyles();
  const backend = useBackendState();
  const facets = useKbStore((state) => state.facets);
  const revision = useKbStore((state) => state.revision);
  const [query, setQuery] = useState('');
  const [unit, setUnit] = useState('');
  const [category, setCategory] = useState('');
  const [shown, setShown] = useState<Shown | null>(null);
  const [searchError, setSearchError] = useState<string | null>(null);
  const [active, setActive] = useState(-1);
  const [open, setOpen] = useState<ArticleState>(null);
  const searchRef = useRef<HTMLInputElement>(null);
  const [proposingNew, setProposingNew] = useState(false);
  const [proposalSaved, setProposalSaved] = useState(false);
  const [reviewing, setReviewing] = useState(false);
  const isEditor = useAuthStore((state) => state.auth?.user?.roles.some((role) => role === 'supervisor' || role === 'admin') ?? false);
  const requestSeq = useRef(0);
  const searchInFlight = useRef(false);
  const pendingSearch = useRef<(() => void) | null>(null);
  const articleSeq = useRef(0);
  const listId = useId();
  const optionId = (index: number): string => `${listId}-hit-${index}`;

  const articles = facets?.articles ?? 0;
  const trimmed = query.trim();
  const searchable = articles > 0 && trimmed !== '';

  useEffect(() => {
    const seq = ++requestSeq.current;
    if (!searchable) {
      pendingSearch.current = null;
      setShown(null);
      setSearchError(null);
      setActive(-1);
      return;
    }
    // Every keystroke searches at once (no debounce: the answer is a few milliseconds away), but
    // never more than one search is on its way: keystrokes typed meanwhile are folded into the
    // newest, sent as soon as the one in flight returns.
    const run = (): void => {
      if (seq !== requestSeq.current) return;
      searchInFlight.current = true;
      bridge()
        .request('kb.search', { query, limit: RESULT_LIMIT, ...(unit ? { unit } : {}), ...(category ? { category } : {}) })
        .then(
          (result) => {
            // Replies may overtake each other: only the newest request's answer is shown.
            if (seq !== requestSeq.current) return;
            setShown({ ...result, query: query.trim() });
            setSearchError(null);
            setActive(-1);
          },
          (error: unknown) => {
            if (seq !== requestSeq.current) return;
            setSearchError((error as Error).message);
          },
        )
        .finally(() => {
          searchInFlight.current = false;
          const next = pendingSearch.current;
          pendingSearch.current = null;
          next?.();
        });
    };
    if (searchInFlight.current) pendingSearch.current = run;
    else run();
  }, [query, unit, category, revision, searchable]);

  const hits = shown?.hits ?? [];

  const openArticle = (id: string): void => {
    const seq = ++articleSeq.current;
    setOpen({ id, article: null, error: null });
    bridge()
      .request('kb.article', { id })
      .then(
        (article) => seq === articleSeq.current && setOpen({ id, article, error: null }),
        (error: unknown) => seq === articleSeq.current && setOpen({ id, article: null, error: (error as Error).message }),
      );
  };

  const closeArticle = (): void => {
    articleSeq.current++;
    setOpen(null);
    searchRef.current?.focus();
  };

  const onSearchKey = (event: KeyboardEvent<HTMLInputElement>): void => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      if (hits.length === 0) return;
      event.preventDefault();
      if (open) setOpen(null);
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setActive((current) => (current === -1 ? (step === 1 ? 0 : hits.length - 1) : (current + step + hits.length) % hits.length));
    } else if (event.key === 'Home' && event.ctrlKey && hits.length > 0) {
      event.preventDefault();
      setActive(0);
    } else if (event.key === 'End' && event.ctrlKey && hits.length > 0) {
      event.preventDefault();
      setActive(hits.length - 1);
    } else if (event.key === 'Enter') {
      const hit = hits[active === -1 ? 0 : active];
      if (!hit) return;
      event.preventDefault();
      openArticle(hit.id);
    } else if (event.key === 'Escape') {
      event.preventDefault();
      if (open) closeArticle();
      else if (active !== -1) setActive(-1);
      else setQuery('');
    }
  };

  useEffect(() => {
    if (active >= 0) document.getElementById(optionId(active))?.scrollIntoView({ block: 'nearest' });
  }, [active]);

  const allUnits = t('kb.filter.allUnits');
  const allCategories = t('kb.filter.allCategories');

  return (
    <Region region="kb" className={className} title={t('kb.title')}>
      <Field label={t('kb.searchLabel')} hint={t('kb.searchHint')}>
        <SearchBox
          data-kb-search
          ref={searchRef}
          value={query}
          maxLength={20_000}
          autoComplete="off"
          aria-controls={hits.length > 0 && !open ? listId : undefined}
          aria-activedescendant={active >= 0 && !open ? optionId(active) : undefined}
          onChange={(_, data) => {
            setQuery(data.value);
            if (open) setOpen(null);
          }}
          onKeyDown={onSearchKey}
        />
      </Field>
      {facets && articles > 0 && (
        <div className={styles.filters}>
          <Field label={t('kb.filter.unit')} className={styles.filter}>
            <Dropdown
              className={styles.dropdown}
              data-testid="kb-filter-unit"
              value={unit || allUnits}
              selectedOptions={[unit]}
              onOptionSelect={(_, data) => setUnit(data.optionValue ?? '')}
            >
              <Option value="">{allUnits}</Option>
              {facets.units.map((name) => (
                <Option key={name} value={name}>
                  {name}
                </Option>
              ))}
            </Dropdown>
          </Field>
          <Field label={t('kb.filter.category')} className={styles.filter}>
            <Dropdown
              className={styles.dropdown}
              data-testid="kb-filter-category"
              value={category || allCategories}
              selectedOptions={[category]}
              onOptionSelect={(_, data) => setCategory(data.optionValue ?? '')}
            >
              <Option value="">{allCategories}</Option>
              {facets.categories.map((name) => (
                <Option key={name} value={name}>
                  {name}
                </Option>
              ))}
            </Dropdown>
          </Field>
        </div>
      )}
      <div aria-live="polite">
        {trimmed !== '' && articles === 0 && (
          <StateLine strong testId="kb-results">
            {t('kb.noResults', { query: trimmed.length > 80 ? `${trimmed.slice(0, 80)}…` : trimmed })}
          </StateLine>
        )}
        {searchable && searchError && (
          <Text as="p" role="alert" className={styles.error} data-testid="kb-search-error">
            {t('kb.searchFailed', { message: searchError })}
          </Text>
        )}
        {searchable && shown && !open && (
          <>
            {shown.understood.corrections.length > 0 && (
              <StateLine testId="kb-corrections">{t('kb.corrected', { query: correctedQuery(shown.query, shown.understood.corrections) })}</StateLine>
            )}
            {shown.understood.fallback === 'any_word' && <StateLine testId="kb-fallback">{t('kb.anyWord')}</StateLine>}
            <StateLine strong testId="kb-results">
              {hits.length === 0
                ? t('kb.noMatches', { query: shown.query.length > 80 ? `${shown.query.slice(0, 80)}…` : shown.query })
                : t('kb.resultCount', { count: hits.length })}
            </StateLine>
          </>
        )}
      </div>
      {searchable && !open && hits.length > 0 && (
        <ul id={listId} role="listbox" aria-label={t('kb.resultsLabel')} className={styles.list} data-testid="kb-hits" data-results-for={shown?.query}>
          {hits.map((hit, index) => (
            <li
              key={hit.id}
              id={optionId(index)}
              role="option"
              aria-selected={index === active}
              data-article-id={hit.id}
              className={mergeClasses(styles.hit, index === active && styles.active)}
              // Keep focus in the search field: the list is driven from there.
              onMouseDown={(event) => event.preventDefault()}
              onClick={() => {
                setActive(index);
                openArticle(hit.id);
              }}
            >
              <span className={styles.hitTitle} data-testid="kb-hit-title">
                <Highlighted value={hit.title} className={styles.mark} />
              </span>
              <span className={styles.meta}>
                <span>{hit.unit}</span>
                <span aria-hidden="true">·</span>
                <span>{hit.category}</span>
                {hit.expired && (
                  <Badge appearance="tint" color="danger" data-testid="kb-hit-expired">
                    {t('kb.expired')}
                  </Badge>
                )}
              </span>
              <span className={styles.snippet} data-testid="kb-hit-snippet">
                <Highlighted value={hit.snippet} className={styles.mark} />
              </span>
            </li>
          ))}
        </ul>
      )}
      {open && (
        <div
          onKeyDown={(event) => {
            // A dialog opened from the card (portal: its keys bubble here) closes itself first.
            if (event.key === 'Escape' && !event.defaultPrevented && !(event.target as HTMLElement).closest('[role="dialog"]')) {
              event.preventDefault();
              closeArticle();
            }
          }}
        >
          {open.error ? (
            <Text as="p" role="alert" className={styles.error} data-testid="kb-article-error">
              {t('kb.article.loadFailed', { message: open.error })}
            </Text>
          ) : open.article ? (
            <Suspense fallback={<Spinner size="tiny" label={t('kb.article.loading')} />}>
              <ArticleView article={open.article} onBack={closeArticle} />
            </Suspense>
          ) : (
            <Spinner size="tiny" label={t('kb.article.loading')} />
          )}
        </div>
      )}
      <StateLine strong={articles === 0} testId="kb-state">
        {articles === 0 ? t('kb.empty') : t('kb.count', { count: articles })}
      </StateLine>
      {backend && <StateLine testId="kb-backend">{t(`kb.backend.${backend}`)}</StateLine>}
      <div className={styles.proposals}>
        <Button size="small" icon={<AddRegular />} onClick={() => setProposingNew(true)} data-testid="kb-propose-new">
          {t('kb.proposal.new')}
        </Button>
        {isEditor && (
          <Button size="small" aria-expanded={reviewing} onClick={() => setReviewing((shown) => !shown)} data-testid="kb-review-toggle">
            {reviewing ? t('kb.review.hide') : t('kb.review.show')}
          </Button>
        )}
      </div>
      {isEditor && reviewing && <ProposalReview revision={revision} />}
      {proposingNew && (
        <ProposalDialog
          articleId={null}
          initial={{ ...EMPTY_PROPOSAL, title: trimmed.slice(0, 300) }}
          onClose={(saved) => {
            setProposingNew(false);
            if (saved) setProposalSaved(true);
          }}
        />
      )}
      <div role="status" aria-live="polite">
        {proposalSaved && <Text data-testid="kb-proposal-saved">{t('kb.proposal.saved')}</Text>}
      </div>
    </Region>
  );
}
