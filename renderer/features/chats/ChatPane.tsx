import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Field,
  Input,
  Radio,
  RadioGroup,
  Select,
  Text,
  Textarea,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { CallerCard, ChatConversation } from '../../../preload/contract';
import { bridge } from '../../bridge';
import { CallerCardView } from '../callers/CallerCardView';
import { useChatsStore } from './chats-store';
import { chatErrorText } from './chat-errors';
import { Composer } from './Composer';
import { MessageList } from './MessageList';

const useStyles = makeStyles({
  pane: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS, minHeight: 0, flexGrow: 1 },
  header: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS, alignItems: 'baseline' },
  actions: { display: 'flex', gap: tokens.spacingHorizontalXS, flexWrap: 'wrap' },
  typing: { minHeight: '1.2em', fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground3 },
  error: { color: tokens.colorPaletteRedForeground1 },
});

const EMPTY: never[] = [];

/**
 * One conversation: who the resident is, the transcript, what they are typing, the composer, and
 * transfer and close. The resident's identity is shown here; the caller card (issue 5) plugs in at
 * `ResidentIdentity` once it can look a resident up by a chat's contact (phone number or e-mail).
 */
export function ChatPane({ conversation, userName }: { conversation: ChatConversation; userName: string | null }) {
  const styles = useStyles();
  const { t } = useTranslation();
  const messages = useChatsStore((s) => s.messages[conversation.id]) ?? EMPTY;
  const loaded = useChatsStore((s) => s.messages[conversation.id] !== undefined);
  const typing = useChatsStore((s) => s.typing[conversation.id] ?? false);
  const [error, setError] = useState<string | null>(null);
  const [dialog, setDialog] = useState<'transfer' | 'close' | 'ticket' | null>(null);
  const writable = conversation.status === 'active' && !conversation.released;

  useEffect(() => {
    if (loaded) return;
    let current = true;
    bridge()
      .request('chats.messages', { conversationId: conversation.id })
      .then((list) => current && useChatsStore.getState().setMessages(conversation.id, list), (err: unknown) => current && setError(chatErrorText(t, err)));
    return () => {
      current = false;
    };
  }, [conversation.id, loaded, t]);

  // Shown on screen means read: the resident sees "read", the tab's count drops.
  const lastResidentSeq = messages.reduce((max, m) => (m.author === 'resident' && m.seq !== null && m.seq > max ? m.seq : max), 0);
  useEffect(() => {
    if (lastResidentSeq > conversation.agentReadSeq && writable && document.visibilityState === 'visible') {
      void bridge().request('chats.read', { conversationId: conversation.id, seq: lastResidentSeq }).catch(() => undefined);
    }
  }, [conversation.id, conversation.agentReadSeq, lastResidentSeq, writable]);

  const run = async (action: () => Promise<unknown>) => {
    try {
      setError(null);
      await action();
      return true;
    } catch (err) {
      setError(chatErrorText(t, err));
      return false;
    }
  };

  const openAttachment = (id: string) =>
    void run(async () => {
      const file = await bridge().request('chats.attachment', { id });
      const bytes = Uint8Array.from(atob(file.dataBase64), (c) => c.charCodeAt(0));
      const url = URL.createObjectURL(new Blob([bytes], { type: file.type }));
      const link = document.createElement('a');
      link.href = url;
      link.download = file.name; // saved, never opened inside the desk
      link.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    });

  return (
    <div className={styles.pane} data-testid="chat-pane" data-conversation={conversation.id}>
      <ResidentIdentity conversation={conversation} />
      {conversation.transferNote && <Text size={200}>{t('chats.transferNote', { note: conversation.transferNote })}</Text>}
      <MessageList conversation={conversation} messages={messages} onAttachment={openAttachment} />
      <div className={styles.typing} aria-live="polite" data-testid="chat-typing">
        {typing ? t('chats.typing') : ''}
      </div>
      {conversation.status === 'closed' && (
        <Text data-testid="chat-ended">
          {t('chats.ended', { code: t(`chats.wrapUp.${conversation.wrapUpCode ?? 'info_given'}`, { defaultValue: conversation.wrapUpCode ?? '' }) })}{' '}
          {conversation.rating !== null ? t('chats.rating', { rating: conversation.rating }) : t('chats.noRating')}
        </Text>
      )}
      {conversation.released && conversation.status !== 'closed' && <Text data-testid="chat-released">{t('chats.released')}</Text>}
      {writable && <Composer conversationId={conversation.id} disabled={!writable} userName={userName} />}
      <div className={styles.actions}>
        {writable && <Button onClick={() => setDialog('transfer')}>{t('chats.transfer')}</Button>}
        {writable && <Button onClick={() => setDialog('close')}>{t('chats.close')}</Button>}
        <Button onClick={() => setDialog('ticket')}>{t('chats.linkTicket')}</Button>
        {!writable && (
          <Button
            onClick={() =>
              void run(async () => {
                await bridge().request('chats.dismiss', { conversationId: conversation.id });
                useChatsStore.getState().remove(conversation.id);
              })
            }
          >
            {t('chats.dismiss')}
          </Button>
        )}
      </div>
      {error && (
        <Text role="alert" className={styles.error} data-testid="chat-error">
          {error}
        </Text>
      )}
      {dialog === 'transfer' && <TransferDialog conversation={conversation} onDone={() => setDialog(null)} />}
      {dialog === 'close' && <CloseDialog conversation={conversation} onDone={() => setDialog(null)} />}
      {dialog === 'ticket' && <LinkTicketDialog conversation={conversation} onDone={() => setDialog(null)} />}
    </div>
  );
}

/**
 * The resident as the chat knows them, and, when the chat carries a phone number (SMS) that belongs
 * to a known contact, the same caller card as for calls. Web chats carry no contact to look up; the
 * caller card has no lookup by e-mail address yet.
 */
function ResidentIdentity({ conversation }: { conversation: ChatConversation }) {
  const styles = useStyles();
  const { t } = useTranslation();
  const [card, setCard] = useState<CallerCard | null>(null);
  const [reload, setReload] = useState(0);
  const number = conversation.channel === 'sms' ? conversation.residentContact : null;
  useEffect(() => {
    setCard(null);
    if (!number) return;
    let current = true;
    bridge()
      .request('contacts.screenPop', { number })
      .then((pop) => current && setCard(pop.card?.contact ? pop.card : null), () => undefined);
    return () => {
      current = false;
    };
  }, [number, reload]);
  return (
    <div>
      <div className={styles.header} data-testid="chat-resident">
        <Text weight="semibold">{conversation.residentName ?? card?.contact?.name ?? conversation.residentContact ?? t('chats.resident')}</Text>
        <Text size={200}>
          {t(`chats.channel.${conversation.channel}`)}
          {conversation.residentContact && (conversation.residentName || card?.contact) ? ` · ${conversation.residentContact}` : ''}
        </Text>
        {conversation.ticketIds.length > 0 && (
          <Text size={200} data-testid="chat-tickets">
            {t('chats.linkedTickets', { ids: conversation.ticketIds.join(', ') })}
          </Text>
        )}
      </div>
      {card && (
        <div data-testid="chat-caller-card">
          <CallerCardView card={card} callId={null} linkedTicketIds={conversation.ticketIds} onChanged={() => setReload((n) => n + 1)} />
        </div>
      )}
    </div>
  );
}

/** The frame the pane's dialogs share: a title, their fields, an error line, confirm and cancel. */
function PaneDialog({ title, confirm, error, onConfirm, onDone, children }: { title: string; confirm: string; error: string | null; onConfirm(): void; onDone(): void; children: ReactNode }) {
  const { t } = useTranslation();
  const styles = useStyles();
  return (
    <Dialog open onOpenChange={(_, data) => !data.open && onDone()}>
      <DialogSurface>
        <DialogBody>
          <DialogTitle>{title}</DialogTitle>
          <DialogContent>
            {children}
            {error && (
              <Text role="alert" className={styles.error}>
                {error}
              </Text>
            )}
          </DialogContent>
          <DialogActions>
            <Button appearance="primary" onClick={onConfirm}>
              {confirm}
            </Button>
            <Button onClick={onDone}>{t('chats.cancel')}</Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}

/** Links a ticket (its number, as the tickets list shows it) to the conversation: the transcript is found from the ticket. */
function LinkTicketDialog({ conversation, onDone }: { conversation: ChatConversation; onDone(): void }) {
  const { t } = useTranslation();
  const [ticketId, setTicketId] = useState('');
  const [error, setError] = useState<string | null>(null);
  const submit = async () => {
    const id = ticketId.trim();
    if (id === '') return setError(t('chats.errors.ticket_required'));
    try {
      const linked = await bridge().request('chats.linkTicket', { conversationId: conversation.id, ticketId: id });
      useChatsStore.getState().upsertConversation(linked);
      onDone();
    } catch (err) {
      setError(chatErrorText(t, err));
    }
  };
  return (
    <PaneDialog title={t('chats.linkTicketTitle')} confirm={t('chats.linkTicketConfirm')} error={null} onConfirm={() => void submit()} onDone={onDone}>
      <Field label={t('chats.ticketNumber')} hint={t('chats.ticketNumberHint')} validationState={error ? 'error' : 'none'} validationMessage={error}>
        <Input
          value={ticketId}
          maxLength={64}
          onChange={(_, data) => setTicketId(data.value)}
          onKeyDown={(event) => {
            if (event.key === 'Enter') {
              event.preventDefault();
              void submit();
            }
          }}
        />
      </Field>
      {conversation.ticketIds.length > 0 && <Text>{t('chats.linkedTickets', { ids: conversation.ticketIds.join(', ') })}</Text>}
    </PaneDialog>
  );
}

function TransferDialog({ conversation, onDone }: { conversation: ChatConversation; onDone(): void }) {
  const { t } = useTranslation();
  const queues = useChatsStore((s) => s.queues);
  const agents = useChatsStore((s) => s.agents);
  const me = useChatsStore((s) => s.userId);
  const [kind, setKind] = useState<'queue' | 'agent'>('queue');
  const [queue, setQueue] = useState(queues[0] ?? 'general');
  const others = agents.filter((a) => a.id !== me);
  const [agent, setAgent] = useState(others[0]?.id ?? '');
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const submit = async () => {
    try {
      await bridge().request('chats.transfer', {
        conversationId: conversation.id,
        target: kind === 'queue' ? { kind: 'queue', queue } : { kind: 'agent', userId: agent },
        note,
      });
      onDone();
    } catch (err) {
      setError(chatErrorText(t, err));
    }
  };
  return (
    <PaneDialog title={t('chats.transferTitle')} confirm={t('chats.transferConfirm')} error={error} onConfirm={() => void submit()} onDone={onDone}>
      <RadioGroup value={kind} onChange={(_, data) => setKind(data.value as 'queue' | 'agent')} aria-label={t('chats.transferTo')}>
        <Radio value="queue" label={t('chats.toQueue')} />
        <Radio value="agent" label={t('chats.toAgent')} disabled={others.length === 0} />
      </RadioGroup>
      {kind === 'queue' ? (
        <Field label={t('chats.queue')}>
          <Select value={queue} onChange={(_, data) => setQueue(data.value)}>
            {queues.map((q) => (
              <option key={q} value={q}>
                {t(`chats.queues.${q}`, { defaultValue: q })}
              </option>
            ))}
          </Select>
        </Field>
      ) : (
        <Field label={t('chats.agent')}>
          <Select value={agent} onChange={(_, data) => setAgent(data.value)}>
            {others.map((a) => (
              <option key={a.id} value={a.id}>
                {t('chats.agentOption', { name: a.name, chats: a.chats, state: a.available ? t('chats.available') : t('chats.unavailable') })}
              </option>
            ))}
          </Select>
        </Field>
      )}
      <Field label={t('chats.note')} hint={t('chats.noteHint')}>
        <Textarea value={note} maxLength={1000} onChange={(_, data) => setNote(data.value)} />
      </Field>
    </PaneDialog>
  );
}

function CloseDialog({ conversation, onDone }: { conversation: ChatConversation; onDone(): void }) {
  const { t } = useTranslation();
  const codes = useChatsStore((s) => s.wrapUpCodes);
  const [code, setCode] = useState(codes[0] ?? 'info_given');
  const [error, setError] = useState<string | null>(null);
  const submit = async () => {
    try {
      const closed = await bridge().request('chats.close', { conversationId: conversation.id, wrapUpCode: code });
      useChatsStore.getState().upsertConversation(closed);
      onDone();
    } catch (err) {
      setError(chatErrorText(t, err));
    }
  };
  return (
    <PaneDialog title={t('chats.closeTitle')} confirm={t('chats.closeConfirm')} error={error} onConfirm={() => void submit()} onDone={onDone}>
      <Field label={t('chats.wrapUpCode')} hint={t('chats.closeHint')}>
        <Select value={code} onChange={(_, data) => setCode(data.value)}>
          {codes.map((c) => (
            <option key={c} value={c}>
              {t(`chats.wrapUp.${c}`, { defaultValue: c })}
            </option>
          ))}
        </Select>
      </Field>
    </PaneDialog>
  );
}
