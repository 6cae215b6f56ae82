import { Dropdown, Field, Option, makeStyles, tokens } from '@fluentui/react-components';
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import type { KbFacets } from '../../../preload/contract';

const useStyles = makeStyles({
  filters: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
  filter: { flex: '1 1 160px', minWidth: 0 },
  dropdown: { minWidth: 0, width: '100%' },
});

interface FacetFilterProps {
  label: string;
  /** The option that clears the filter ("all units"). */
  all: string;
  values: readonly string[];
  value: string;
  onChange(value: string): void;
  testId: string;
}

function FacetFilter({ label, all, values, value, onChange, testId }: FacetFilterProps) {
  const styles = useStyles();
  return (
    <Field label={label} className={styles.filter}>
      <Dropdown className={styles.dropdown} data-testid={testId} value={value || all} selectedOptions={[value]} onOptionSelect={(_, data) => onChange(data.optionValue ?? '')}>
        <Option value="">{all}</Option>
        {values.map((name) => (
          <Option key={name} value={name}>
            {name}
          </Option>
        ))}
      </Dropdown>
    </Field>
  );
}

interface KbFiltersProps {
  facets: KbFacets;
  unit: string;
  category: string;
  onUnit(unit: string): void;
  onCategory(category: string): void;
}

/** Unit and category filters. Memoized: a large base has hundreds of options, and typing must not rebuild them. */
export const KbFilters = memo(function KbFilters({ facets, unit, category, onUnit, onCategory }: KbFiltersProps) {
  const { t } = useTranslation();
  const styles = useStyles();
  return (
    <div className={styles.filters}>
      <FacetFilter label={t('kb.filter.unit')} all={t('kb.filter.allUnits')} values={facets.units} value={unit} onChange={onUnit} testId="kb-filter-unit" />
      <FacetFilter label={t('kb.filter.category')} all={t('kb.filter.allCategories')} values={facets.categories} value={category} onChange={onCategory} testId="kb-filter-category" />
    </div>
  );
});
