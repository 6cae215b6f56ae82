import { Button, MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle } from '@fluentui/react-components';
import { DismissRegular } from '@fluentui/react-icons';
import { useTranslation } from 'react-i18next';
import { useDeskStore } from './stores/desk-store';

/** After a damaged database was moved aside at start: say where it went, until dismissed. */
export function RecoveredBanner() {
  const { t } = useTranslation();
  const store = useDeskStore((state) => state.hello?.store);
  const dismissed = useDeskStore((state) => state.recoveredDismissed);
  const dismiss = useDeskStore((state) => state.dismissRecovered);
  if (dismissed || store?.state !== 'ready' || !store.recoveredFrom) return null;
  return (
    <MessageBar intent="warning" layout="multiline" data-testid="recovered-banner">
      <MessageBarBody>
        <MessageBarTitle>{t('recovered.title')}</MessageBarTitle>
        {t('recovered.body', { movedTo: store.recoveredFrom.movedTo })}
      </MessageBarBody>
      <MessageBarActions containerAction={<Button appearance="transparent" aria-label={t('common.dismiss')} icon={<DismissRegular />} onClick={dismiss} />} />
    </MessageBar>
  );
}
