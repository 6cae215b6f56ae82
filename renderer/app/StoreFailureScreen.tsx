import { Button, Text, makeStyles, tokens } from '@fluentui/react-components';
import { CopyRegular, ArrowClockwiseRegular } from '@fluentui/react-icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { StoreStatus } from '../../preload/contract';

const useStyles = makeStyles({
  screen: {
    minHeight: '100vh',
    boxSizing: 'border-box',
    display: 'flex',
    justifyContent: 'center',
    alignItems: 'flex-start',
    padding: tokens.spacingHorizontalXXXL,
    backgroundColor: tokens.colorNeutralBackground2,
  },
  card: {
    maxWidth: '760px',
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
    padding: tokens.spacingHorizontalXXL,
    backgroundColor: tokens.colorNeutralBackground1,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusLarge,
  },
  title: { margin: 0, fontSize: tokens.fontSizeBase600, lineHeight: tokens.lineHeightBase600 },
  path: {
    fontFamily: tokens.fontFamilyMonospace,
    padding: tokens.spacingHorizontalS,
    backgroundColor: tokens.colorNeutralBackground3,
    borderRadius: tokens.borderRadiusMedium,
    wordBreak: 'break-all',
    userSelect: 'text',
  },
  detail: { fontFamily: tokens.fontFamilyMonospace, color: tokens.colorNeutralForeground2, wordBreak: 'break-word' },
  actions: { display: 'flex', gap: tokens.spacingHorizontalS },
});

type FailedStore = Extract<StoreStatus, { state: 'failed' }>;

/** The database cannot be used: say why, where it is, and what to do. Nothing is touched. */
export function StoreFailureScreen({ store }: { store: FailedStore }) {
  const { t } = useTranslation();
  const styles = useStyles();
  const [copied, setCopied] = useState<'yes' | 'no' | null>(null);

  const copy = (): void => {
    navigator.clipboard.writeText(store.path).then(
      () => setCopied('yes'),
      () => setCopied('no'),
    );
  };

  return (
    <main className={styles.screen} data-testid="store-failure" data-reason={store.reason}>
      <div className={styles.card} role="alert" aria-labelledby="store-failure-title">
        <h1 id="store-failure-title" className={styles.title}>
          {t(`failure.title.${store.reason}`)}
        </h1>
        <Text as="p" data-testid="store-failure-explanation">
          {t(`failure.explain.${store.reason}`, { fileVersion: store.fileVersion ?? '?', supportedVersion: store.supportedVersion ?? '?' })}
        </Text>
        <Text as="p" weight="semibold">
          {t(`failure.todo.${store.reason}`)}
        </Text>
        <Text as="p">{t('failure.pathLabel')}</Text>
        <code className={styles.path} data-testid="store-failure-path">
          {store.path}
        </code>
        <Text as="p">{t('failure.untouched')}</Text>
        <details>
          <summary>{t('failure.detailLabel')}</summary>
          <p className={styles.detail}>{store.detail}</p>
        </details>
        <div className={styles.actions}>
          <Button icon={<CopyRegular />} onClick={copy}>
            {t('failure.copyPath')}
          </Button>
          <Button appearance="primary" icon={<ArrowClockwiseRegular />} onClick={() => window.location.reload()}>
            {t('failure.retry')}
          </Button>
        </div>
        <div aria-live="polite">{copied && <Text>{t(copied === 'yes' ? 'failure.copied' : 'failure.copyFailed')}</Text>}</div>
      </div>
    </main>
  );
}
