import { Text, makeStyles, tokens } from '@fluentui/react-components';
import type { ReactNode } from 'react';

const useStyles = makeStyles({
  line: { color: tokens.colorNeutralForeground2 },
  strong: { color: tokens.colorNeutralForeground1, fontWeight: tokens.fontWeightSemibold },
});

/** A region's honest state in one sentence ("SIP account not configured"), never filler. */
export function StateLine({ children, strong = false, testId }: { children: ReactNode; strong?: boolean; testId?: string }) {
  const styles = useStyles();
  return (
    <Text as="p" className={strong ? styles.strong : styles.line} data-testid={testId} style={{ margin: 0 }}>
      {children}
    </Text>
  );
}
