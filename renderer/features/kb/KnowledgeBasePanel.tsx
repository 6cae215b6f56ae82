import { Button, Field, SearchBox, Spinner, Text, makeStyles, tokens } from '@fluentui/react-components';
import { AddRegular } from '@fluentui/react-icons';
import type { KeyboardEvent } from 'react';
import { Suspense, lazy, useCallback, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { KbArticleView, KbSearchResult } from '../../../preload/contract';
import { useBackendState } from '../../app/backend-state';
import { Region } from '../../app/Region';
import { StateLine } from '../../app/StateLine';
import { bridge } from '../../bridge';
import { useAuthStore } from '../auth/auth-store';
import { HitList, hitOptionId } from './HitList';
import { KbFilters } from './KbFilters';
import { EMPTY_PROPOSAL, ProposalDialog } from './ProposalDialog';
import { ProposalReview } from './ProposalReview';
import { useKbStore } from './kb-store';

// The reader and its Markdown renderer load on first use: the desk shows without them.
const ArticleView = lazy(() => import('./ArticleView'));

/** Results shown as the consultant types (a short answer paints sooner), and after "show more". */
const FIRST_RESULTS = 10;
const MORE_RESULTS = 50;

const useStyles = makeStyles({
  proposals: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
  error: { color: tokens.colorPaletteRedForeground1 },
});

interface Shown extends KbSearchResult {
  query: string;
}

/** Everything a search depends on; the same request twice is sent once. */
interface SearchRequest {
  query: string;
  unit: string;
  category: string;
  limit: number;
  revision: number;
  hasArticles: boolean;
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
  const [limit, setLimit] = useState(FIRST_RESULTS);
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
  const lastRequest = useRef('');
  const articleSeq = useRef(0);
  const listId = useId();
  const optionId = (index: number): string => hitOptionId(listId, index);

  const articles = facets?.articles ?? 0;
  const trimmed = query.trim();
  const searchable = articles > 0 && trimmed !== '';

  /**
   * Searches for exactly these inputs, unless that search was the last one sent. Every keystroke
   * searches at once, from the change handler itself (no debounce, no waiting for React to render
   * the typed letter first: the answer is a few milliseconds away), but never more than one search
   * is on its way: keystrokes typed meanwhile are folded into the newest, sent as soon as the one
   * in flight returns.
   */
  const search = useCallback((request: SearchRequest): void => {
    const key = JSON.stringify(request);
    if (key === lastRequest.current) return;
    lastRequest.current = key;
    const seq = ++requestSeq.current;
    const { query: text, unit: inUnit, category: inCategory, limit: count } = request;
    if (!request.hasArticles || text.trim() === '') {
      pendingSearch.current = null;
      setShown(null);
      setSearchError(null);
      setActive(-1);
      return;
    }
    const run = (): void => {
      if (seq !== requestSeq.current) return;
      searchInFlight.current = true;
      bridge()
        .request('kb.search', { query: text, limit: count, ...(inUnit ? { unit: inUnit } : {}), ...(inCategory ? { category: inCategory } : {}) })
        .then(
          (result) => {
            // Replies may overtake each other: only the newest request's answer is shown.
            if (seq !== requestSeq.current) return;
            setShown({ ...result, query: text.trim() });
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
  }, []);

  // Filters, "show more", a finished pull (revision) or the first facets search again; typing has
  // already sent its search by the time this runs.
  useEffect(() => search({ query, unit, category, limit, revision, hasArticles: articles > 0 }), [search, query, unit, category, limit, revision, articles]);

  const hits = shown?.hits ?? [];
  const hitsRef = useRef(hits);
  hitsRef.current = hits;

  // Stable (refs and setters only), so the memoized list and filters skip typing's re-renders.
  const openArticle = useCallback((id: string): void => {
    const seq = ++articleSeq.current;
    setOpen({ id, article: null, error: null });
    bridge()
      .request('kb.article', { id })
      .then(
        (article) => seq === articleSeq.current && setOpen({ id, article, error: null }),
        (error: unknown) => seq === articleSeq.current && setOpen({ id, article: null, error: (error as Error).message }),
      );
  }, []);
  const pickHit = useCallback(
    (index: number): void => {
      const hit = hitsRef.current[index];
      if (!hit) return;
      setActive(index);
      openArticle(hit.id);
    },
    [openArticle],
  );
  const chooseUnit = useCallback((value: string) => {
    setUnit(value);
    setLimit(FIRST_RESULTS);
  }, []);
  const chooseCategory = useCallback((value: string) => {
    setCategory(value);
    setLimit(FIRST_RESULTS);
  }, []);

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
            search({ query: data.value, unit, category, limit: FIRST_RESULTS, revision, hasArticles: articles > 0 });
            setQuery(data.value);
            setLimit(FIRST_RESULTS);
            if (open) setOpen(null);
          }}
          onKeyDown={onSearchKey}
        />
      </Field>
      {facets && articles > 0 && <KbFilters facets={facets} unit={unit} category={category} onUnit={chooseUnit} onCategory={chooseCategory} />}
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
      {searchable && !open && hits.length > 0 && <HitList listId={listId} hits={hits} resultsFor={shown?.query ?? ''} active={active} onPick={pickHit} />}
      {searchable && !open && hits.length === limit && limit < MORE_RESULTS && (
        <Button appearance="subtle" onClick={() => setLimit(MORE_RESULTS)} data-testid="kb-more">
          {t('kb.more')}
        </Button>
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
