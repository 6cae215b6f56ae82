import { Button, Field, Input, Radio, RadioGroup, SearchBox, Spinner, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConsentBasis, ContactSummary, ScreenPop } from '../../../preload/contract';
import { normalizeCaller } from '../../../preload/contract/phone-number';
import { Region } from '../../app/Region';
import { StateLine } from '../../app/StateLine';
import { bridge } from '../../bridge';
import { useSoftphoneStore } from '../softphone/softphone-store';
import { CallerCardView, LONG_HISTORY } from './CallerCardView';
import { RetentionDialog } from './RetentionDialog';
import { callerErrorText } from './caller-text';

const SEARCH_DELAY_MS = 120;

const useStyles = makeStyles({
  list: { listStyle: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  candidate: { justifyContent: 'flex-start', textAlign: 'start', overflowWrap: 'anywhere', height: 'auto' },
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
});

/** What the card region shows: the screen pop of a call, or a card chosen by search. */
type View = { source: 'call'; callId: string; number: string } | { source: 'contact'; contactId: string } | { source: 'number'; number: string } | null;

function CandidateList({ candidates, onChoose }: { candidates: readonly ContactSummary[]; onChoose(id: string): void }) {
  const { t } = useTranslation();
  const styles = useStyles();
  return (
    <ul className={styles.list} aria-label={t('callers.results')}>
      {candidates.map((c) => (
        <li key={c.id}>
          <Button className={styles.candidate} appearance="subtle" aria-label={t('callers.chooseContact', { name: c.name ?? t('callers.unnamed') })} onClick={() => onChoose(c.id)}>
            <span>
              <Text weight="semibold">{c.name ?? t('callers.unnamed')}</Text>
              <br />
              <Text size={200}>{[c.phones.join(', '), c.address].filter(Boolean).join(' · ')}</Text>
              {c.openTickets > 0 ? (
                <>
                  {' · '}
                  <Text size={200}>{t('callers.openTickets', { count: c.openTickets })}</Text>
                </>
              ) : null}
            </span>
          </Button>
        </li>
      ))}
    </ul>
  );
}

function NewContactForm({ e164, callId, onCreated }: { e164: string; callId: string | null; onCreated(id: string): void }) {
  const { t } = useTranslation();
  const styles = useStyles();
  const [name, setName] = useState('');
  const [consent, setConsent] = useState<ConsentBasis>('consent');
  const [error, setError] = useState<string | null>(null);
  return (
    <form
      className={styles.form}
      onSubmit={(event) => {
        event.preventDefault();
        bridge()
          .request('contacts.create', { name, phones: [e164], consent, ...(callId ? { callId } : {}) })
          .then(
            (contact) => onCreated(contact.id),
            (failure: unknown) => setError(callerErrorText(t, failure)),
          );
      }}
    >
      <Text>{t('callers.unknownHint')}</Text>
      <Field label={t('callers.newName')} required validationMessage={error ?? undefined}>
        <Input value={name} maxLength={200} onChange={(_, data) => setName(data.value)} />
      </Field>
      <Field label={t('callers.consent')}>
        <RadioGroup value={consent} onChange={(_, data) => setConsent(data.value as ConsentBasis)}>
          <Radio value="consent" label={t('callers.consentGiven')} />
          <Radio value="public_task" label={t('callers.publicTask')} />
        </RadioGroup>
      </Field>
      <Button type="submit" appearance="primary" disabled={name.trim() === ''}>
        {t('callers.saveContact')}
      </Button>
    </form>
  );
}

/**
 * Who is calling and what the city knows about them. Pops up from the softphone's focused call
 * (while it rings or as it is placed); without a call, a search by name, address, phone or ticket.
 */
export function CallerCard({ className }: { className?: string }) {
  const { t } = useTranslation();
  const focused = useSoftphoneStore((state) => state.calls.find((call) => call.id === state.focusedCallId && call.state !== 'ended') ?? null);
  const [chosen, setChosen] = useState<View>(null);
  const [pop, setPop] = useState<ScreenPop | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [query, setQuery] = useState('');
  const [results, setResults] = useState<ContactSummary[] | null>(null);
  const [linkedTickets, setLinkedTickets] = useState<string[]>([]);
  const [retentionOpen, setRetentionOpen] = useState(false);
  const seq = useRef(0);
  /** Contacts on screen now: a change to one of them (here or pulled from another desk) reloads the card. */
  const shownIds = useRef<ReadonlySet<string> | null>(null);
  const shownKey = useRef('');

  const view: View = focused ? { source: 'call', callId: focused.id, number: focused.remoteNumber } : chosen;
  const viewKey = view ? JSON.stringify(view) : '';
  const callId = view?.source === 'call' ? view.callId : null;

  const load = useCallback(() => {
    const round = ++seq.current;
    if (!view) {
      setPop(null);
      return;
    }
    // Another caller: never show the previous one's card while the new one loads.
    if (shownKey.current !== viewKey) setPop(null);
    shownKey.current = viewKey;
    setLoading(true);
    // For the screen-pop benchmark: when the card asked the core, and when the answer came.
    if (view.source === 'call') performance.mark(`callers:asked:${view.callId}`);
    const answer: Promise<ScreenPop> =
      view.source === 'contact'
        ? bridge()
            .request('contacts.card', { contactId: view.contactId })
            .then((card) => ({ identity: card.e164 ? { kind: 'phone' as const, e164: card.e164, display: card.e164 } : { kind: 'withheld' as const }, candidates: [], card }))
        : bridge().request('contacts.screenPop', { number: view.number, ...(view.source === 'call' ? { callId: view.callId } : {}) });
    answer.then(
      (result) => {
        if (round !== seq.current) return;
        if (view.source === 'call') performance.mark(`callers:answered:${view.callId}`);
        // An unknown number's card reloads on any change (a contact may just have got this number).
        shownIds.current = result.card?.contact ? new Set([result.card.contact.id, ...result.candidates.map((c) => c.id)]) : null;
        setPop(result);
        setError(null);
        setLoading(false);
        // The tickets already linked to the call, after the card (never ahead of it in the core's queue).
        if (view.source === 'call') {
          void bridge()
            .request('calls.recent', { limit: 20 })
            .then((calls) => round === seq.current && setLinkedTickets(calls.find((c) => c.id === view.callId)?.ticketIds ?? []), () => undefined);
        }
      },
      (failure: unknown) => {
        if (round !== seq.current) return;
        setError(callerErrorText(t, failure));
        setLoading(false);
      },
    );
    // viewKey stands for view (a new object on every render).
  }, [viewKey, t]);

  // Before the browser paints the ringing call: the core is asked a frame earlier than from useEffect.
  useLayoutEffect(load, [load]);
  useEffect(
    () =>
      bridge().subscribe('contacts.changed', ({ ids }) => {
        const shown = shownIds.current;
        if (!shown || ids.some((id) => shown.has(id))) load();
      }),
    [load],
  );

  // Search as you type, only while no call is on screen.
  useEffect(() => {
    const trimmed = query.trim();
    if (trimmed === '') {
      setResults(null);
      return;
    }
    const timer = setTimeout(() => {
      bridge()
        .request('contacts.search', { query: trimmed, limit: 20 })
        .then(setResults, (failure: unknown) => setError(callerErrorText(t, failure)));
    }, SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [query, t]);

  const chooseForCall = (contactId: string): void => {
    if (callId) void bridge().request('calls.update', { id: callId, contactId }).then(load, (failure: unknown) => setError(callerErrorText(t, failure)));
    else setChosen({ source: 'contact', contactId });
  };

  const typedNumber = normalizeCaller(query.trim());
  const identity = pop?.identity;

  return (
    <Region region="caller" className={className} title={t('callers.title')}>
      {focused ? (
        <StateLine strong testId="caller-state">
          {t(focused.state === 'ringing' ? 'callers.ringing' : 'callers.inCall', { number: focused.remoteNumber })}
        </StateLine>
      ) : (
        <>
          <Field label={t('callers.searchLabel')} hint={t('callers.searchHint')}>
            <SearchBox
              value={query}
              maxLength={200}
              autoComplete="off"
              onChange={(_, data) => {
                setQuery(data.value);
                setChosen(null);
              }}
            />
          </Field>
          {!chosen && results !== null ? (
            results.length > 0 ? (
              <CandidateList candidates={results} onChoose={(id) => setChosen({ source: 'contact', contactId: id })} />
            ) : (
              <>
                <StateLine testId="caller-state">{t('callers.noResults', { query: query.trim() })}</StateLine>
                {typedNumber.kind === 'phone' ? (
                  <Button onClick={() => setChosen({ source: 'number', number: typedNumber.e164 })}>{t('callers.openNumber', { number: typedNumber.display })}</Button>
                ) : null}
              </>
            )
          ) : null}
          {!chosen && results === null ? <StateLine testId="caller-state">{t('callers.noCall')}</StateLine> : null}
          {chosen ? (
            <Button appearance="subtle" onClick={() => setChosen(null)}>
              {t('callers.back')}
            </Button>
          ) : (
            <Button appearance="subtle" onClick={() => setRetentionOpen(true)}>
              {t('callers.retention.open')}
            </Button>
          )}
          {retentionOpen ? <RetentionDialog onClose={() => setRetentionOpen(false)} /> : null}
        </>
      )}
      {error ? <Text role="alert">{error}</Text> : null}
      {view && loading && !pop ? <Spinner size="tiny" label={t('callers.loading')} /> : null}
      {view && pop ? (
        identity?.kind === 'withheld' && !pop.card ? (
          <StateLine strong testId="caller-withheld">
            {t('callers.withheld')}
          </StateLine>
        ) : identity?.kind === 'sip' ? (
          <StateLine>{t('callers.sipCaller', { address: identity.address })}</StateLine>
        ) : pop.card ? (
          <>
            {pop.candidates.length > 1 ? <CandidateList candidates={pop.candidates} onChoose={chooseForCall} /> : null}
            {!pop.card.contact && pop.card.e164 ? (
              <>
                <StateLine strong testId="caller-unknown">
                  {t('callers.unknown', { number: identity?.kind === 'phone' ? identity.display : pop.card.e164 })}
                </StateLine>
                <NewContactForm
                  e164={pop.card.e164}
                  callId={callId}
                  onCreated={(id) => (callId ? load() : setChosen({ source: 'contact', contactId: id }))}
                />
              </>
            ) : null}
            <CallerCardView
              card={pop.card}
              callId={callId}
              linkedTicketIds={linkedTickets}
              onChanged={load}
              onShowMore={(contactId) => {
                const round = seq.current;
                bridge()
                  .request('contacts.card', { contactId, limit: LONG_HISTORY, ...(callId ? { callId } : {}) })
                  .then(
                    (card) => round === seq.current && setPop((current) => (current ? { ...current, card } : current)),
                    (failure: unknown) => setError(callerErrorText(t, failure)),
                  );
              }}
            />
          </>
        ) : (
          <>
            <StateLine strong testId="caller-choose">
              {t('callers.choose')}
            </StateLine>
            <CandidateList candidates={pop.candidates} onChoose={chooseForCall} />
          </>
        )
      ) : null}
    </Region>
  );
}
