import { Button, MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import { isSipConfigured } from '../../../preload/contract';
import { Region } from '../../app/Region';
import { StateLine } from '../../app/StateLine';
import { useUiStore } from '../../app/stores/ui-store';
import { useSettingsStore } from '../settings/settings-store';
import { useSoftphoneStore } from './softphone-store';

/** The phone region. The SIP engine comes later: until then it says plainly that it is not connected. */
export function SoftphonePanel({ className }: { className?: string }) {
  const { t } = useTranslation();
  const sip = useSettingsStore((state) => state.settings?.sip);
  const callRequest = useSoftphoneStore((state) => state.callRequest);
  const dismissCallRequest = useSoftphoneStore((state) => state.dismissCallRequest);
  const openSettings = useUiStore((state) => state.openSettings);
  const configured = sip ? isSipConfigured(sip) : false;

  return (
    <Region region="softphone" className={className} title={t('softphone.title')}>
      {configured && sip ? (
        <>
          <StateLine strong testId="softphone-state">
            {t('softphone.notConnected')}
          </StateLine>
          <StateLine>{t('softphone.account', { uri: sip.uri })}</StateLine>
        </>
      ) : (
        <>
          <StateLine strong testId="softphone-state">
            {t('softphone.notConfigured')}
          </StateLine>
          <div>
            <Button appearance="primary" onClick={() => openSettings('sip')}>
              {t('softphone.configure')}
            </Button>
          </div>
        </>
      )}
      {callRequest && (
        <MessageBar intent="info" data-testid="call-request">
          <MessageBarBody>
            <MessageBarTitle>{t('softphone.callRequest', { number: callRequest.target })}</MessageBarTitle>
            {configured ? t('softphone.callRequestNotConnected') : t('softphone.callRequestNotConfigured')}
          </MessageBarBody>
          <MessageBarActions>
            <Button appearance="transparent" onClick={dismissCallRequest}>
              {t('common.dismiss')}
            </Button>
          </MessageBarActions>
        </MessageBar>
      )}
    </Region>
  );
}
