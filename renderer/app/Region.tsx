import { makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import type { ReactNode } from 'react';
import { regionElementId } from './regions';
import type { RegionId } from './shortcuts/registry';

const useStyles = makeStyles({
  region: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    minHeight: 0,
    minWidth: 0,
    overflow: 'auto',
    padding: tokens.spacingHorizontalM,
    backgroundColor: tokens.colorNeutralBackground1,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    outlineStyle: 'none',
    // Alt+1..5 and F6 land here: the region itself must show it has focus.
    ':focus-visible': {
      outline: `${tokens.strokeWidthThicker} solid ${tokens.colorStrokeFocus2}`,
      outlineOffset: '2px',
    },
  },
  title: {
    margin: 0,
    fontSize: tokens.fontSizeBase400,
    lineHeight: tokens.lineHeightBase400,
    fontWeight: tokens.fontWeightSemibold,
  },
});

interface RegionProps {
  region: RegionId;
  title: string;
  className?: string | undefined;
  children: ReactNode;
}

/** One labelled landmark of the desk, focusable as a whole for keyboard navigation. */
export function Region({ region, title, className, children }: RegionProps) {
  const styles = useStyles();
  const titleId = `${regionElementId(region)}-title`;
  return (
    <section id={regionElementId(region)} data-region={region} aria-labelledby={titleId} tabIndex={-1} className={mergeClasses(styles.region, className)}>
      <h2 id={titleId} className={styles.title}>
        {title}
      </h2>
      {children}
    </section>
  );
}
