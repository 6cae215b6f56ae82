import { Button, Card, CounterBadge, Tab, TabList, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChatOffer } from '../../../preload/contract';
import { useBackendState } from '../../app/backend-state';
import { Region } from '../../app/Region';
import { SHORTCUTS, matches, type KeyCombo } from '../../app/shortcuts/registry';
import { StateLine } from '../../app/StateLine';
import { bridge } from '../../bridge';
import { useAuthStore } from '../auth/auth-store';
import { chatErrorText } from './chat-errors';
import { ChatPane } from './ChatPane';
import { startChatsSync, useChatsStore } from './chats-store';

const useStyles = makeStyles({
  body: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, minHeight: 0, flexGrow: 1 },
  offer: { padding: tokens.spacingHorizontalS },
  offerActions: { display: 'flex', gap: tokens.spacingHorizontalXS },
  tabs: { flexWrap: 'wrap' },
  preview: { whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' },
});

/**
 * The chat panes: offers to accept or decline, one tab per conversation (with its unread count),
 * and the chosen conversation. Alt+PageDown / Alt+PageUp switch tabs while the focus is in here.
 */
export function ChatsPanel({ className }: { className?: string }) {
  const { t } = useTranslation();
  const styles = useStyles();
  const backend = useBackendState();
  const { connection, order, conversations, offers, activeId } = useChatsStore();
  const userName = useAuthStore((s) => s.auth?.user?.name ?? null);

  useEffect(() => startChatsSync(bridge()), []);

  const switchBy = (step: number) => {
    if (order.length === 0) return;
    const index = activeId ? order.indexOf(activeId) : -1;
    useChatsStore.getState().activate(order[(index + step + order.length) % order.length]!);
  };

  const offerList = Object.values(offers);
  const active = activeId ? conversations[activeId] : undefined;
  const stateKey =
    connection?.state === 'connected' ? null : backend !== 'reachable' ? `chats.backend.${backend ?? 'checking'}` : `chats.connection.${connection?.state ?? 'connecting'}`;
  return (
    <Region region="chats" className={className} title={t('chats.title')}>
      <div
        className={styles.body}
        onKeyDown={(event) => {
          // The keys come from the desk's shortcut registry, so F1 lists exactly these.
          const native = event.nativeEvent;
          const hit = (id: string) => SHORTCUTS.find((s) => s.id === id)!.keys.some((combo: KeyCombo) => matches(combo, native));
          if (hit('chatNext') || hit('chatPrevious')) switchBy(hit('chatNext') ? 1 : -1);
          else if (hit('chatCannedReply')) useChatsStore.getState().commandComposer('canned');
          else if (hit('chatKbAnswer')) useChatsStore.getState().commandComposer('kb');
          else return;
          event.preventDefault();
        }}
      >
        {stateKey && (
          <StateLine strong testId="chats-state">
            {t(stateKey)}
          </StateLine>
        )}
        {offerList.map((offer) => (
          <OfferCard key={offer.id} offer={offer} />
        ))}
        {order.length === 0 && connection?.state === 'connected' && offerList.length === 0 && <StateLine testId="chats-state">{t('chats.none')}</StateLine>}
        {order.length > 0 && (
          <TabList
            className={styles.tabs}
            size="small"
            selectedValue={activeId}
            onTabSelect={(_, data) => useChatsStore.getState().activate(data.value as string)}
            aria-label={t('chats.tabs')}
          >
            {order.map((id) => {
              const c = conversations[id]!;
              const name = c.residentName ?? c.residentContact ?? t('chats.resident');
              return (
                <Tab key={id} value={id} data-testid="chat-tab" aria-label={c.unread > 0 ? t('chats.tabUnread', { name, count: c.unread }) : name}>
                  {name} {c.unread > 0 && <CounterBadge count={c.unread} size="small" data-testid="chat-unread" aria-hidden />}
                </Tab>
              );
            })}
          </TabList>
        )}
        {active && <ChatPane key={active.id} conversation={active} userName={userName} />}
      </div>
    </Region>
  );
}

function OfferCard({ offer }: { offer: ChatOffer }) {
  const { t } = useTranslation();
  const styles = useStyles();
  const [error, setError] = useState<string | null>(null);
  const name = offer.conversation.residentName ?? offer.conversation.residentContact ?? t('chats.resident');
  const act = async (method: 'chats.accept' | 'chats.decline') => {
    try {
      await bridge().request(method, { offerId: offer.id });
      useChatsStore.getState().removeOffer(offer.id);
      if (method === 'chats.accept') useChatsStore.getState().activate(offer.conversation.id);
    } catch (err) {
      setError(chatErrorText(t, err));
    }
  };
  return (
    <Card className={styles.offer} role="group" aria-label={t('chats.offer', { name })} data-testid="chat-offer">
      <Text weight="semibold">{t('chats.offer', { name })}</Text>
      <Text size={200}>
        {t(`chats.channel.${offer.conversation.channel}`)} · {t(`chats.queues.${offer.conversation.queue}`, { defaultValue: offer.conversation.queue })}
      </Text>
      {offer.fromName && <Text size={200}>{t('chats.offerFrom', { name: offer.fromName, note: offer.note ?? '' })}</Text>}
      {offer.preview && <Text className={styles.preview}>{offer.preview}</Text>}
      <div className={styles.offerActions}>
        <Button appearance="primary" onClick={() => void act('chats.accept')}>
          {t('chats.accept')}
        </Button>
        <Button onClick={() => void act('chats.decline')}>{t('chats.decline')}</Button>
      </div>
      {error && <Text role="alert">{error}</Text>}
    </Card>
  );
}
