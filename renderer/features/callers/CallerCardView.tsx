import { Badge, Button, Combobox, Field, Input, Option, Text, Textarea, makeStyles, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CallbackState, CallerCard, TimelineItem } from '../../../preload/contract';
import { bridge } from '../../bridge';
import { useTicketDraftRequest } from '../tickets/ticket-draft-request';
import { ContactEditDialog } from './ContactEditDialog';
import { MergeDialog } from './MergeDialog';
import { callerErrorText, formatTime } from './caller-text';

const useStyles = makeStyles({
  card: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  name: { fontSize: tokens.fontSizeBase500, fontWeight: tokens.fontWeightSemibold, overflowWrap: 'anywhere' },
  row: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS, alignItems: 'center' },
  list: { listStyle: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  item: { padding: tokens.spacingVerticalXS, borderLeft: `${tokens.strokeWidthThick} solid ${tokens.colorNeutralStroke2}`, paddingLeft: tokens.spacingHorizontalS, overflowWrap: 'anywhere' },
  openTicket: { borderLeftColor: tokens.colorPaletteRedBorder2, backgroundColor: tokens.colorPaletteRedBackground1 },
  meta: { color: tokens.colorNeutralForeground2 },
  heading: { margin: 0, fontSize: tokens.fontSizeBase300, fontWeight: tokens.fontWeightSemibold },
  inline: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'end', flexWrap: 'wrap' },
});

type TicketItem = Extract<TimelineItem, { kind: 'ticket' }>;
const ticketLabel = (item: TicketItem): string => [item.number ?? item.id, item.title].filter(Boolean).join(' · ');

function TimelineEntry({ item, onCallbackState }: { item: TimelineItem; onCallbackState(id: string, state: Exclude<CallbackState, 'scheduled'>): void }) {
  const { t, i18n } = useTranslation();
  const styles = useStyles();
  const when = formatTime(item.at, i18n.language);
  if (item.kind === 'call') {
    return (
      <li className={styles.item} data-testid="caller-history-item" data-kind="call">
        <Text weight="semibold">{t(`callers.item.call_${item.direction}`)}</Text> <Text className={styles.meta}>{when}</Text>
        <div className={styles.meta}>
          {item.number} · {t(`callers.outcome.${item.outcome ?? 'none'}`)}
          {item.durationMs !== null ? ` · ${t('callers.duration', { seconds: Math.round(item.durationMs / 1000) })}` : ''}
          {item.wrapUpCode ? ` · ${item.wrapUpCode}` : ''}
        </div>
        {item.notes ? <div>{item.notes}</div> : null}
      </li>
    );
  }
  if (item.kind === 'ticket') {
    return (
      <li className={`${styles.item} ${item.open ? styles.openTicket : ''}`} data-testid="caller-history-item" data-kind="ticket" data-open={item.open}>
        <Text weight="semibold">{t('callers.item.ticket', { id: item.number ?? item.id })}</Text>{' '}
        <Badge appearance={item.open ? 'filled' : 'outline'} color={item.open ? 'danger' : 'informative'}>
          {t(`callers.ticketStatus.${item.status}`)}
        </Badge>
        {item.title ? <div>{item.title}</div> : null}
        <div className={styles.meta}>
          {when}
          {item.dueAt !== null ? ` · ${t('callers.due', { date: formatTime(item.dueAt, i18n.language) })}` : ''}
        </div>
      </li>
    );
  }
  if (item.kind === 'callback') {
    return (
      <li className={styles.item} data-testid="caller-history-item" data-kind="callback">
        <Text weight="semibold">{t('callers.item.callback', { number: item.number, due: formatTime(item.dueAt, i18n.language) })}</Text>{' '}
        <Badge appearance="outline">{t(`callers.callbackState.${item.state}`)}</Badge>
        {item.note ? <div>{item.note}</div> : null}
        {item.state === 'scheduled' ? (
          <div className={styles.row}>
            <Button size="small" aria-label={t('callers.callbackDoneLabel', { due: formatTime(item.dueAt, i18n.language) })} onClick={() => onCallbackState(item.id, 'done')}>
              {t('callers.callbackDone')}
            </Button>
            <Button size="small" aria-label={t('callers.callbackCancelLabel', { due: formatTime(item.dueAt, i18n.language) })} onClick={() => onCallbackState(item.id, 'cancelled')}>
              {t('callers.callbackCancel')}
            </Button>
          </div>
        ) : null}
      </li>
    );
  }
  return (
    <li className={styles.item} data-testid="caller-history-item" data-kind={item.kind} data-open={item.open}>
      <Text weight="semibold">{t(`callers.item.${item.kind}`)}</Text> <Text className={styles.meta}>{when}</Text>
      {item.open ? (
        <>
          {' '}
          <Badge appearance="outline">{t('callers.conversationOpen')}</Badge>
        </>
      ) : null}
      <div>{item.summary}</div>
    </li>
  );
}

const FIRST_ENTRIES = 20;
/** How many entries "show more" asks the core for. */
export const LONG_HISTORY = 200;

interface CardViewProps {
  card: CallerCard;
  /** The call on screen, if any: quick actions link to it. */
  callId: string | null;
  /** Tickets already linked to that call. */
  linkedTicketIds: readonly string[];
  onChanged(): void;
  /** Loads the contact's longer history (the screen pop brings only the newest entries). */
  onShowMore?(contactId: string): void;
}

/** The caller card: who it is, what a consultant must see, what the city knows, and quick actions. */
export function CallerCardView({ card, callId, linkedTicketIds, onChanged, onShowMore }: CardViewProps) {
  const { t } = useTranslation();
  const styles = useStyles();
  const contact = card.contact;
  const [note, setNote] = useState('');
  /** The ticket picker: what is typed, and the caller's ticket chosen from the list (if any). */
  const [ticketText, setTicketText] = useState('');
  const [ticketChoice, setTicketChoice] = useState<{ id: string; label: string } | null>(null);
  const [dialog, setDialog] = useState<'edit' | 'merge' | null>(null);
  /** The newest entries first (what the consultant reads while it rings); older ones on request. */
  const [showAll, setShowAll] = useState(false);
  const shownTimeline = showAll ? card.timeline : card.timeline.slice(0, FIRST_ENTRIES);
  const hidden = card.timeline.length - shownTimeline.length;
  const [callbackAt, setCallbackAt] = useState('');
  const [callbackNote, setCallbackNote] = useState('');
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);

  const run = (work: () => Promise<unknown>, done: string): void => {
    work().then(
      () => {
        setMessage({ text: done, error: false });
        onChanged();
      },
      (error: unknown) => setMessage({ text: callerErrorText(t, error), error: true }),
    );
  };

  const number = contact?.phones[0]?.e164 ?? card.e164;
  const callerTickets = card.timeline.filter((item): item is TicketItem => item.kind === 'ticket');
  const ticketToLink = ticketChoice && ticketChoice.label === ticketText ? ticketChoice.id : ticketText.trim();
  const closeDialog = (changed: boolean): void => {
    setDialog(null);
    if (changed) onChanged();
  };

  return (
    <div className={styles.card} data-testid="caller-card" data-call-id={callId ?? undefined}>
      {contact ? (
        <>
          <Text as="p" className={styles.name} data-testid="caller-name" style={{ margin: 0 }}>
            {contact.name ?? t('callers.unnamed')}
          </Text>
          {contact.flags.length > 0 ? (
            <div className={styles.row} data-testid="caller-flags">
              {contact.flags.map((flag) => (
                <Badge key={flag} appearance="filled" color={flag === 'abusive' ? 'danger' : 'warning'}>
                  {t(`callers.flag.${flag}`)}
                </Badge>
              ))}
            </div>
          ) : null}
          <div className={styles.row}>
            {card.openTickets > 0 ? (
              <Badge appearance="filled" color="danger" data-testid="caller-open-tickets">
                {t('callers.openTickets', { count: card.openTickets })}
              </Badge>
            ) : null}
            {contact.preferredChannel ? <Text>{t('callers.preferred', { channel: t(`callers.channel.${contact.preferredChannel}`) })}</Text> : null}
            {contact.language ? <Text>{t('callers.language', { language: contact.language })}</Text> : null}
          </div>
          {contact.phones.length > 0 ? <Text className={styles.meta}>{contact.phones.map((p) => p.display).join(', ')}</Text> : null}
          <div role="group" aria-label={t('callers.contactActions')} className={styles.row}>
            <Button size="small" onClick={() => setDialog('edit')}>
              {t('callers.edit.open')}
            </Button>
            <Button size="small" onClick={() => setDialog('merge')}>
              {t('callers.merge.open')}
            </Button>
          </div>
          {dialog === 'edit' ? <ContactEditDialog contact={contact} onClose={closeDialog} /> : null}
          {dialog === 'merge' ? <MergeDialog contact={contact} onClose={closeDialog} /> : null}
          {contact.addresses.length > 0 ? (
            <div>
              <h3 className={styles.heading}>{t('callers.addresses')}</h3>
              <ul className={styles.list}>
                {contact.addresses.map((address) => (
                  <li key={address}>{address}</li>
                ))}
              </ul>
            </div>
          ) : null}
          <div>
            <h3 className={styles.heading}>{t('callers.notes')}</h3>
            <ul className={styles.list}>
              {contact.notes.map((n) => (
                <li key={n.id} className={styles.item}>
                  <div>{n.text}</div>
                  <Text className={styles.meta}>{n.author}</Text>
                </li>
              ))}
            </ul>
            <div className={styles.inline}>
              <Field label={t('callers.noteLabel')} style={{ flex: 1 }}>
                <Textarea value={note} maxLength={2000} resize="vertical" onChange={(_, data) => setNote(data.value)} />
              </Field>
              <Button
                disabled={note.trim() === ''}
                onClick={() =>
                  run(async () => {
                    await bridge().request('contacts.addNote', { contactId: contact.id, text: note });
                    setNote('');
                  }, t('callers.addNote'))
                }
              >
                {t('callers.addNote')}
              </Button>
            </div>
          </div>
        </>
      ) : null}

      <div role="group" aria-label={t('callers.actions')} className={styles.row}>
        <Button
          appearance="primary"
          onClick={() => {
            useTicketDraftRequest.getState().request({
              channel: 'phone',
              contactId: contact?.id ?? null,
              callId,
              ...(contact?.name ? { callerName: contact.name } : {}),
              ...(number ? { callerPhone: number } : {}),
            });
            setMessage({ text: t('callers.newTicketRequested'), error: false });
          }}
        >
          {t('callers.newTicket')}
        </Button>
      </div>
      {callId ? (
        <div className={styles.inline}>
          <Field label={t('callers.ticketNumber')} hint={callerTickets.length > 0 ? t('callers.ticketPickerHint') : t('callers.ticketFreeHint')}>
            <Combobox
              freeform
              value={ticketText}
              selectedOptions={ticketChoice ? [ticketChoice.id] : []}
              onChange={(event) => {
                setTicketText(event.target.value.slice(0, 64));
                setTicketChoice(null);
              }}
              onOptionSelect={(_, data) => {
                if (!data.optionValue) return;
                setTicketChoice({ id: data.optionValue, label: data.optionText ?? data.optionValue });
                setTicketText(data.optionText ?? data.optionValue);
              }}
            >
              {callerTickets.map((item) => (
                <Option key={item.id} value={item.id} text={ticketLabel(item)}>
                  {`${ticketLabel(item)} (${t(`callers.ticketStatus.${item.status}`)})`}
                </Option>
              ))}
            </Combobox>
          </Field>
          <Button
            disabled={ticketToLink === ''}
            onClick={() =>
              run(async () => {
                await bridge().request('calls.update', { id: callId, ticketIds: [...new Set([...linkedTicketIds, ticketToLink])] });
                setTicketText('');
                setTicketChoice(null);
              }, t('callers.linked'))
            }
          >
            {t('callers.linkTicket')}
          </Button>
        </div>
      ) : null}
      {number ? (
        <div className={styles.inline}>
          <Field label={t('callers.callbackAt')}>
            <Input type="datetime-local" value={callbackAt} onChange={(_, data) => setCallbackAt(data.value)} />
          </Field>
          <Field label={t('callers.callbackNote')}>
            <Input value={callbackNote} maxLength={1000} onChange={(_, data) => setCallbackNote(data.value)} />
          </Field>
          <Button
            disabled={callbackAt === ''}
            onClick={() =>
              run(
                () =>
                  bridge().request('contacts.scheduleCallback', {
                    contactId: contact?.id ?? null,
                    number,
                    dueAt: new Date(callbackAt).getTime(),
                    note: callbackNote,
                    ...(callId ? { callId } : {}),
                  }),
                t('callers.scheduled'),
              )
            }
          >
            {t('callers.callback')}
          </Button>
        </div>
      ) : null}
      {message ? (
        <Text role={message.error ? 'alert' : 'status'} style={message.error ? { color: tokens.colorPaletteRedForeground1 } : undefined}>
          {message.text}
        </Text>
      ) : null}

      <h3 className={styles.heading}>{t('callers.history')}</h3>
      {card.olderCounts.calls > 0 ? <Text className={styles.meta}>{t('callers.olderCounts', { count: card.olderCounts.calls })}</Text> : null}
      {card.timeline.length === 0 ? (
        <Text className={styles.meta}>{t('callers.noHistory')}</Text>
      ) : (
        <ul className={styles.list} aria-label={t('callers.history')} data-testid="caller-history">
          {shownTimeline.map((item) => (
            <TimelineEntry
              key={`${item.kind}-${item.id}`}
              item={item}
              onCallbackState={(id, state) => run(() => bridge().request('contacts.setCallbackState', { id, state }), t(`callers.callbackMarked.${state}`))}
            />
          ))}
        </ul>
      )}
      {hidden > 0 || (card.more && contact && onShowMore) ? (
        <Button
          appearance="subtle"
          onClick={() => {
            setShowAll(true);
            if (card.more && contact) onShowMore?.(contact.id);
          }}
        >
          {hidden > 0 ? t('callers.showOlder', { count: hidden }) : t('callers.showMore')}
        </Button>
      ) : null}
      {card.more && !contact ? <Text className={styles.meta}>{t('callers.moreInArchive')}</Text> : null}
    </div>
  );
}
