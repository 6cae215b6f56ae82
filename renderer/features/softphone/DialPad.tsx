import { Button, makeStyles, tokens } from '@fluentui/react-components';

const KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '0', '#'] as const;

const useStyles = makeStyles({
  grid: { display: 'grid', gridTemplateColumns: 'repeat(3, minmax(3rem, 1fr))', gap: tokens.spacingHorizontalXS, maxWidth: '14rem' },
});

/** Twelve keys in a labelled group: digits for the number field, or DTMF tones during a call. */
export function DialPad({ label, onKey }: { label: string; onKey(key: string): void }) {
  const styles = useStyles();
  return (
    <div role="group" aria-label={label} className={styles.grid}>
      {KEYS.map((key) => (
        <Button key={key} onClick={() => onKey(key)} data-testid={`dtmf-${key === '*' ? 'star' : key === '#' ? 'hash' : key}`}>
          {key}
        </Button>
      ))}
    </div>
  );
}
