import { Badge, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import type { KbHit } from '../../../preload/contract';
import { Highlighted } from './Highlighted';
import { formatDate } from './format-date';

const useStyles = makeStyles({
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
});

interface HitListProps {
  listId: string;
  hits: readonly KbHit[];
  /** The query these hits answer (the keystroke benchmark and tests read it). */
  resultsFor: string;
  active: number;
  onPick(index: number): void;
}

export const hitOptionId = (listId: string, index: number): string => `${listId}-hit-${index}`;

/**
 * The results as a listbox driven from the search field. Memoized: typing re-renders the panel on
 * every key, and the list only changes when an answer arrives.
 */
export const HitList = memo(function HitList({ listId, hits, resultsFor, active, onPick }: HitListProps) {
  const { t, i18n } = useTranslation();
  const styles = useStyles();
  return (
    <ul id={listId} role="listbox" aria-label={t('kb.resultsLabel')} className={styles.list} data-testid="kb-hits" data-results-for={resultsFor}>
      {hits.map((hit, index) => (
        <li
          key={hit.id}
          id={hitOptionId(listId, index)}
          role="option"
          aria-selected={index === active}
          data-article-id={hit.id}
          className={mergeClasses(styles.hit, index === active && styles.active)}
          // Keep focus in the search field: the list is driven from there.
          onMouseDown={(event) => event.preventDefault()}
          onClick={() => onPick(index)}
        >
          <span className={styles.hitTitle} data-testid="kb-hit-title">
            <Highlighted value={hit.title} className={styles.mark} />
          </span>
          <span className={styles.meta}>
            <span>{hit.unit}</span>
            <span aria-hidden="true">·</span>
            <span>{hit.category}</span>
            {hit.validFrom && (
              <Badge appearance="tint" color="informative" data-testid="kb-hit-upcoming">
                {t('kb.upcoming', { date: formatDate(hit.validFrom, i18n.language) })}
              </Badge>
            )}
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
  );
});
