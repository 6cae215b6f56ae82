import { Badge, Button, Dropdown, Field, Input, Option, Tab, TabList, Text, Textarea, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import type { KeyboardEvent } from 'react';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Catalogue, TicketDraft, TicketLifecycle, TicketSummary, TicketView } from '../../../preload/contract';
import { Region } from '../../app/Region';
import { StateLine } from '../../app/StateLine';
import { bridge } from '../../bridge';
import { useSyncStore } from '../sync/sync-store';
import { AttachmentList } from './AttachmentList';
import { TicketForm } from './TicketForm';
import { useTicketDraftRequest } from './ticket-draft-request';
import { emptyForm, type TicketFormState } from './ticket-form-state';

type View = 'mine' | 'team' | 'overdue';
const STATUSES: TicketLifecycle[] = ['new', 'forwarded', 'in_progress', 'resolved', 'rejected', 'duplicate'];

const useStyles = makeStyles({
  bar: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS, alignItems: 'end' },
  grow: { flex: '1 1 140px', minWidth: 0 },
  list: { listStyle: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  item: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXXS,
    padding: tokens.spacingHorizontalS,
    borderRadius: tokens.borderRadiusMedium,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    cursor: 'pointer',
  },
  active: { outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}`, outlineOffset: '-1px', backgroundColor: tokens.colorNeutralBackground1Selected },
  meta: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS, alignItems: 'center', color: tokens.colorNeutralForeground2 },
  detail: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, padding: tokens.spacingHorizontalS, border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`, borderRadius: tokens.borderRadiusMedium },
  facts: { display: 'grid', gridTemplateColumns: 'max-content 1fr', columnGap: tokens.spacingHorizontalM, rowGap: tokens.spacingVerticalXXS, margin: 0 },
  term: { color: tokens.colorNeutralForeground2 },
  value: { margin: 0, overflowWrap: 'anywhere' },
});

/**
 * Tickets registered at this desk: the lists (mine, the team's, overdue) with filters and keyboard
 * navigation, the chosen ticket with its outcome and the inform-the-resident task, and the form.
 */
export function TicketsPanel({ className }: { className?: string }) {
  const { t } = useTranslation();
  const styles = useStyles();
  const [view, setView] = useState<View>('mine');
  const [status, setStatus] = useState<TicketLifecycle | ''>('');
  const [query, setQuery] = useState('');
  const [sort, setSort] = useState<'newest' | 'oldest' | 'deadline'>('newest');
  const [items, setItems] = useState<TicketSummary[] | null>(null);
  const [total, setTotal] = useState(0);
  const [active, setActive] = useState(0);
  const [selected, setSelected] = useState<TicketView | null>(null);
  /** The catalogue the open form was given (fixed while it is open, even if a pull brings a new one). */
  const [catalogue, setCatalogue] = useState<Catalogue | null>(null);
  const [form, setForm] = useState<TicketFormState | null>(null);
  const [drafts, setDrafts] = useState<TicketDraft[]>([]);
  const [notice, setNotice] = useState<string | null>(null);
  const [escalating, setEscalating] = useState('');
  const pending = useTicketDraftRequest((s) => s.pending);
  const lastPulledAt = useSyncStore((s) => s.sync?.lastPulledAt ?? null);
  const listRef = useRef<HTMLUListElement | null>(null);

  const reload = useCallback(async () => {
    try {
      const result = await bridge().request('tickets.list', { view, query, sort, limit: 100, ...(status ? { status } : {}) });
      setItems(result.items);
      setTotal(result.total);
      setActive((a) => Math.min(a, Math.max(0, result.items.length - 1)));
    } catch {
      setItems([]);
    }
  }, [view, query, sort, status]);

  useEffect(() => {
    void reload();
  }, [reload, lastPulledAt]);

  useEffect(() => {
    void bridge().request('tickets.drafts', {}).then(setDrafts, () => undefined);
    return bridge().subscribe('tickets.changed', ({ ids }) => {
      void reload();
      setSelected((current) => {
        if (current && ids.includes(current.id)) void bridge().request('tickets.get', { id: current.id }).then(setSelected, () => undefined);
        return current;
      });
    });
  }, [reload]);

  // The catalogue is kept loaded (again after each pull), so opening the form waits for nothing.
  const catalogueRef = useRef<Catalogue | null>(null);
  const loadCatalogue = useCallback(async () => {
    const loaded = await bridge().request('tickets.catalogue', {}).catch(() => null);
    if (loaded) catalogueRef.current = loaded;
    return loaded ?? { services: [], units: [] };
  }, []);
  useEffect(() => {
    void loadCatalogue();
  }, [loadCatalogue, lastPulledAt]);

  const openForm = useCallback(
    async (initial: TicketFormState) => {
      // "Form open to ready" (benchmark): from here to the form's first field focused.
      performance.mark('tickets:form-open');
      const cached = catalogueRef.current;
      if (!cached || cached.services.length === 0) {
        // No catalogue yet: the form still opens (kinds without a service).
        setCatalogue(await loadCatalogue());
        setForm(initial);
        return;
      }
      setCatalogue(cached);
      setForm(initial);
      // Opened from memory; a catalogue pulled meanwhile replaces it (rarely: only when it changed).
      const fresh = await loadCatalogue();
      if (JSON.stringify(fresh) !== JSON.stringify(cached)) setCatalogue(fresh);
    },
    [loadCatalogue],
  );

  // "New ticket for this caller" from the caller card, chats or the knowledge base.
  useEffect(() => {
    if (!pending) return;
    const request = useTicketDraftRequest.getState().take();
    if (request) void openForm(emptyForm(request));
  }, [pending, openForm]);

  const resume = (draft: TicketDraft) => {
    try {
      void openForm({ ...emptyForm(), ...(JSON.parse(draft.data) as Partial<TicketFormState>), draftId: draft.id });
    } catch {
      void bridge().request('tickets.discardDraft', { id: draft.id });
    }
    setDrafts((all) => all.filter((d) => d.id !== draft.id));
  };

  const closeForm = (result: { saved?: TicketView; linked?: TicketView; discarded?: boolean; attachFailed?: boolean } | null) => {
    setForm(null);
    if (result?.saved) {
      setNotice(t(result.attachFailed ? 'tickets.savedAttachFailed' : 'tickets.saved', { number: result.saved.number }));
      setSelected(result.saved);
    } else if (result?.linked) {
      setNotice(t('tickets.linked', { number: result.linked.number }));
      setSelected(result.linked);
    } else if (!result?.discarded) {
      void bridge().request('tickets.drafts', {}).then(setDrafts, () => undefined);
    }
    void reload();
  };

  const choose = (index: number) => {
    const item = items?.[index];
    if (!item) return;
    setActive(index);
    void bridge().request('tickets.get', { id: item.id }).then(setSelected, () => undefined);
  };

  const onListKey = (event: KeyboardEvent) => {
    if (!items || items.length === 0) return;
    if (event.key === 'ArrowDown') setActive((a) => Math.min(items.length - 1, a + 1));
    else if (event.key === 'ArrowUp') setActive((a) => Math.max(0, a - 1));
    else if (event.key === 'Home') setActive(0);
    else if (event.key === 'End') setActive(items.length - 1);
    else if (event.key === 'Enter') choose(active);
    else return;
    event.preventDefault();
  };

  const dateTime = new Intl.DateTimeFormat(t('tickets.locale'), { dateStyle: 'short', timeStyle: 'short' });

  const feedback = async (channel: 'callback' | 'sms' | 'email') => {
    if (!selected) return;
    setSelected(await bridge().request('tickets.feedbackGiven', { id: selected.id, channel }));
  };
  const escalate = async () => {
    if (!selected || escalating.trim() === '') return;
    setSelected(await bridge().request('tickets.escalate', { id: selected.id, note: escalating }));
    setEscalating('');
  };

  return (
    <Region region="tickets" className={className} title={t('tickets.title')}>
      <div className={styles.bar}>
        <Button appearance="primary" onClick={() => void openForm(emptyForm())}>
          {t('tickets.new')}
        </Button>
        {drafts.slice(0, 1).map((draft) => (
          <Button key={draft.id} onClick={() => resume(draft)} data-testid="ticket-resume-draft">
            {t('tickets.resumeDraft', { time: dateTime.format(new Date(draft.updatedAt)) })}
          </Button>
        ))}
      </div>
      {notice && (
        <StateLine testId="tickets-notice">{notice}</StateLine>
      )}
      <TabList selectedValue={view} onTabSelect={(_, d) => setView(d.value as View)} size="small" aria-label={t('tickets.views')}>
        <Tab value="mine">{t('tickets.view.mine')}</Tab>
        <Tab value="team">{t('tickets.view.team')}</Tab>
        <Tab value="overdue">{t('tickets.view.overdue')}</Tab>
      </TabList>
      <div className={styles.bar}>
        <Field label={t('tickets.filter.query')} className={styles.grow}>
          <Input value={query} onChange={(_, d) => setQuery(d.value)} />
        </Field>
        <Field label={t('tickets.filter.status')} className={styles.grow}>
          <Dropdown value={status ? t(`tickets.status.${status}`) : t('tickets.filter.any')} selectedOptions={[status]} onOptionSelect={(_, d) => setStatus((d.optionValue ?? '') as TicketLifecycle | '')}>
            <Option value="">{t('tickets.filter.any')}</Option>
            {STATUSES.map((s) => (
              <Option key={s} value={s}>
                {t(`tickets.status.${s}`)}
              </Option>
            ))}
          </Dropdown>
        </Field>
        <Field label={t('tickets.filter.sort')} className={styles.grow}>
          <Dropdown value={t(`tickets.sort.${sort}`)} selectedOptions={[sort]} onOptionSelect={(_, d) => setSort((d.optionValue ?? 'newest') as typeof sort)}>
            {(['newest', 'oldest', 'deadline'] as const).map((s) => (
              <Option key={s} value={s}>
                {t(`tickets.sort.${s}`)}
              </Option>
            ))}
          </Dropdown>
        </Field>
      </div>
      {items?.length === 0 && <StateLine testId="tickets-state">{t('tickets.none')}</StateLine>}
      {items && items.length > 0 && (
        <>
          <Text size={200}>{total > 500 ? t('tickets.countMore', { shown: items.length, total: 500 }) : t('tickets.count', { shown: items.length, total })}</Text>
          <ul
            ref={listRef}
            className={styles.list}
            role="listbox"
            tabIndex={0}
            aria-label={t('tickets.listLabel')}
            aria-activedescendant={items[active] ? `ticket-${items[active].id}` : undefined}
            onKeyDown={onListKey}
            data-testid="tickets-list"
          >
            {items.map((item, index) => (
              <li
                key={item.id}
                id={`ticket-${item.id}`}
                role="option"
                aria-selected={index === active}
                className={mergeClasses(styles.item, index === active && styles.active)}
                onClick={() => choose(index)}
                data-testid="ticket-item"
              >
                <Text weight="semibold">
                  {item.number} · {item.title}
                </Text>
                <span className={styles.meta}>
                  <Badge appearance="tint" color={item.status === 'resolved' ? 'success' : item.status === 'rejected' ? 'danger' : 'informative'}>
                    {t(`tickets.status.${item.status}`)}
                  </Badge>
                  {item.sync !== 'sent' && (
                    <Badge appearance="outline" color={item.sync === 'needs_review' ? 'danger' : 'warning'} data-testid="ticket-sync">
                      {t(`tickets.sync.${item.sync}`)}
                    </Badge>
                  )}
                  {item.overdue && <Badge color="danger">{t('tickets.overdue')}</Badge>}
                  {item.feedback === 'todo' && <Badge color="important">{t('tickets.feedback.todo')}</Badge>}
                  {item.streetName && <span>{`${item.streetName} ${item.building}`.trim()}</span>}
                  {item.deadlineAt && <span>{t('tickets.deadline', { date: dateTime.format(new Date(item.deadlineAt)) })}</span>}
                </span>
              </li>
            ))}
          </ul>
        </>
      )}
      {selected && (
        <section className={styles.detail} aria-label={t('tickets.detail', { number: selected.number })} data-testid="ticket-detail">
          <Text weight="semibold">
            {selected.number} · {selected.title}
          </Text>
          <dl className={styles.facts}>
            <dt className={styles.term}>{t('tickets.field.kind')}</dt>
            <dd className={styles.value}>{t(`tickets.kind.${selected.kind}`)}</dd>
            <dt className={styles.term}>{t('tickets.field.status')}</dt>
            <dd className={styles.value} data-testid="ticket-status">
              {t(`tickets.status.${selected.status}`)}
            </dd>
            {selected.statusNote && (
              <>
                <dt className={styles.term}>{t('tickets.field.statusNote')}</dt>
                <dd className={styles.value}>{selected.statusNote}</dd>
              </>
            )}
            <dt className={styles.term}>{t('tickets.field.sync')}</dt>
            <dd className={styles.value} data-testid="ticket-sync-state">
              {t(`tickets.sync.${selected.sync}`)}
              {selected.syncReason ? ` – ${t(`tickets.syncReason.${selected.syncReason.split(':')[0]}`, { defaultValue: selected.syncReason })}` : ''}
            </dd>
            {selected.unitName && (
              <>
                <dt className={styles.term}>{t('tickets.field.unit')}</dt>
                <dd className={styles.value}>{selected.unitName}</dd>
              </>
            )}
            {selected.deadlineAt && (
              <>
                <dt className={styles.term}>{t('tickets.field.deadline')}</dt>
                <dd className={styles.value}>{dateTime.format(new Date(selected.deadlineAt))}</dd>
              </>
            )}
            {selected.streetName && (
              <>
                <dt className={styles.term}>{t('tickets.field.place')}</dt>
                <dd className={styles.value}>{[`${selected.streetName} ${selected.building}`.trim(), selected.district, selected.whereExactly].filter(Boolean).join(', ')}</dd>
              </>
            )}
            {selected.linkedReports > 0 && (
              <>
                <dt className={styles.term}>{t('tickets.field.linked')}</dt>
                <dd className={styles.value}>{selected.linkedReports}</dd>
              </>
            )}
            {selected.visit && (
              <>
                <dt className={styles.term}>{t('tickets.field.visit')}</dt>
                <dd className={styles.value} data-testid="ticket-visit-booked">
                  {t('tickets.visit.booked', { service: selected.visit.serviceName, office: selected.visit.officeName, time: dateTime.format(new Date(selected.visit.startsAt)) })}
                </dd>
              </>
            )}
          </dl>
          {selected.attachments.length > 0 && <AttachmentList attachments={selected.attachments} />}
          {selected.feedback === 'todo' && (
            <div className={styles.bar} role="group" aria-label={t('tickets.feedback.title')}>
              <Text>{t('tickets.feedback.title')}</Text>
              <Button size="small" onClick={() => void feedback('callback')}>
                {t('tickets.feedback.callback')}
              </Button>
              <Button size="small" onClick={() => void feedback('sms')}>
                {t('tickets.feedback.sms')}
              </Button>
              <Button size="small" onClick={() => void feedback('email')}>
                {t('tickets.feedback.email')}
              </Button>
            </div>
          )}
          {selected.feedback === 'done' && <Text data-testid="ticket-feedback-done">{t('tickets.feedback.done')}</Text>}
          {!selected.escalated && (
            <div className={styles.bar}>
              <Field label={t('tickets.escalate.note')} className={styles.grow}>
                <Textarea value={escalating} onChange={(_, d) => setEscalating(d.value)} rows={1} />
              </Field>
              <Button size="small" disabled={escalating.trim() === ''} onClick={() => void escalate()}>
                {t('tickets.escalate.button')}
              </Button>
            </div>
          )}
          {selected.escalated && <Text>{t('tickets.escalate.done', { note: selected.escalationNote ?? '' })}</Text>}
        </section>
      )}
      {form && catalogue && <TicketForm initial={form} catalogue={catalogue} onClose={closeForm} />}
    </Region>
  );
}
