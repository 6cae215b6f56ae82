import {
  Button,
  Checkbox,
  Combobox,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Dropdown,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  Option,
  OptionGroup,
  Radio,
  RadioGroup,
  Text,
  Textarea,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { Catalogue, CategorySuggestion, FieldIssue, RouteSuggestion, ServiceAttributeView, StreetHit, TicketKind, TicketSummary, TicketView } from '../../../preload/contract';
import { TicketInput, checkTicket } from '../../../preload/contract';
import { bridge, isBridgeRequestError } from '../../bridge';
import { AttachmentPicker, type ChosenFile } from './AttachmentPicker';
import { VisitPicker } from './VisitPicker';
import { coordinateIssues, toTicketInput, type TicketFormState } from './ticket-form-state';

const KINDS: TicketKind[] = ['fault', 'information', 'complaint', 'idea', 'visit'];
const DRAFT_DELAY_MS = 200;

const useStyles = makeStyles({
  surface: { maxWidth: '760px', width: '95vw' },
  content: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  row: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalM, '> *': { flex: '1 1 200px', minWidth: 0 } },
  box: { padding: tokens.spacingHorizontalS, border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`, borderRadius: tokens.borderRadiusMedium, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  chips: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS, alignItems: 'center' },
  // One row of small buttons (24 px): the height the suggestions take when they come.
  suggestionRow: { minHeight: '24px' },
  list: { listStyle: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  duplicate: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: tokens.spacingHorizontalS },
});

interface Props {
  initial: TicketFormState;
  catalogue: Catalogue;
  onClose(result: { saved?: TicketView; linked?: TicketView; discarded?: boolean; attachFailed?: boolean } | null): void;
}

function issueText(t: TFunction, issue: FieldIssue | undefined): string | undefined {
  return issue ? t(`tickets.error.${issue.code}`, { defaultValue: t('tickets.error.invalid') }) : undefined;
}

/**
 * The new-ticket form: its fields come from the catalogue service chosen (Open311 attributes),
 * every change is saved as a draft at once, and the same checks as the core's run as it is typed.
 */
export function TicketForm({ initial, catalogue, onClose }: Props) {
  const { t } = useTranslation();
  const styles = useStyles();
  const [form, setForm] = useState<TicketFormState>(initial);
  const [submitted, setSubmitted] = useState(false);
  const [serverIssues, setServerIssues] = useState<FieldIssue[]>([]);
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [streets, setStreets] = useState<StreetHit[]>([]);
  const [route, setRoute] = useState<RouteSuggestion | null>(null);
  const [suggestions, setSuggestions] = useState<CategorySuggestion[]>([]);
  const [duplicates, setDuplicates] = useState<TicketSummary[]>([]);
  const [savedDraft, setSavedDraft] = useState<string | null>(null);
  const [streetsClosed, setStreetsClosed] = useState(false);
  const [files, setFiles] = useState<ChosenFile[]>([]);
  /** The slot the backend refused as taken meanwhile: the picker offers the next free ones from it. */
  const [takenAt, setTakenAt] = useState<number | null>(null);
  const draftTimer = useRef<number | undefined>(undefined);
  const firstField = useRef<HTMLInputElement | null>(null);

  const service = useMemo(() => catalogue.services.find((s) => s.code === form.serviceCode) ?? null, [catalogue, form.serviceCode]);
  const groups = useMemo(() => {
    const map = new Map<string, typeof catalogue.services>();
    for (const s of catalogue.services) map.set(s.group || t('tickets.form.otherGroup'), [...(map.get(s.group || t('tickets.form.otherGroup')) ?? []), s]);
    return [...map];
  }, [catalogue, t]);

  const input = toTicketInput(form);
  const localIssues = [...checkTicket(TicketInput.parse(input), form.serviceCode === '' ? null : service), ...coordinateIssues(form)];
  const issues = submitted ? [...localIssues, ...serverIssues.filter((s) => !localIssues.some((l) => l.field === s.field))] : [];
  const issueFor = (field: string) => issueText(t, issues.find((i) => i.field === field));

  const update = (patch: Partial<TicketFormState>) => {
    setForm((before) => ({ ...before, ...patch }));
    setServerIssues([]);
  };

  // Saved as typed: a crash loses at most the last few keystrokes.
  const formJson = JSON.stringify(form);
  const saveDraft = useCallback((data: string, id: string) => bridge().request('tickets.saveDraft', { id, data }).then(() => setSavedDraft(data), () => undefined), []);
  useEffect(() => {
    window.clearTimeout(draftTimer.current);
    draftTimer.current = window.setTimeout(() => void saveDraft(formJson, form.draftId), DRAFT_DELAY_MS);
    return () => window.clearTimeout(draftTimer.current);
  }, [formJson, form.draftId, saveDraft]);

  /** "Finish later" and closing: the latest keystrokes are saved before the form goes. */
  const closeKeepingDraft = async () => {
    window.clearTimeout(draftTimer.current);
    if (savedDraft !== formJson) await saveDraft(formJson, form.draftId);
    onClose(null);
  };

  useEffect(() => {
    firstField.current?.focus();
    performance.mark('tickets:form-ready');
  }, []);

  // Street autocomplete from the desk's dictionary.
  useEffect(() => {
    if (form.streetText.trim() === '' || form.streetId) return setStreets([]);
    let live = true;
    void bridge()
      .request('tickets.streets', { query: form.streetText, limit: 10 })
      .then((hits) => live && setStreets(hits), () => undefined);
    return () => {
      live = false;
    };
  }, [form.streetText, form.streetId]);

  // Unit and deadline for the service and district.
  useEffect(() => {
    if (!form.serviceCode) return setRoute(null);
    let live = true;
    void bridge()
      .request('tickets.route', { serviceCode: form.serviceCode, district: form.district })
      .then((r) => live && setRoute(r), () => undefined);
    return () => {
      live = false;
    };
  }, [form.serviceCode, form.district]);

  // Category suggestions from the description.
  useEffect(() => {
    const text = form.description;
    if (text.trim().length < 4) return setSuggestions([]);
    let live = true;
    const timer = window.setTimeout(() => {
      void bridge()
        .request('tickets.suggest', { text })
        .then((s) => live && setSuggestions(s), () => undefined);
    }, 150);
    return () => {
      live = false;
      window.clearTimeout(timer);
    };
  }, [form.description]);

  // Likely duplicates: same service, same street or nearby, recent.
  const lat = input.lat ?? null;
  const lon = input.lon ?? null;
  useEffect(() => {
    if (!form.serviceCode || (!form.streetId && (lat === null || lon === null))) return setDuplicates([]);
    let live = true;
    void bridge()
      .request('tickets.duplicates', { serviceCode: form.serviceCode, streetId: form.streetId, lat, lon })
      .then((d) => live && setDuplicates(d), () => undefined);
    return () => {
      live = false;
    };
  }, [form.serviceCode, form.streetId, lat, lon]);

  const save = async () => {
    setSubmitted(true);
    if (localIssues.length > 0) return;
    setSaving(true);
    setFailure(null);
    let saved: TicketView | null = null;
    try {
      window.clearTimeout(draftTimer.current);
      saved = await bridge().request('tickets.create', { ...input, unitId: route?.unitId ?? null });
      // Files are stored with the saved ticket one by one (a bridge message holds one file).
      for (const file of files) saved = await bridge().request('tickets.attach', { ticketId: saved.id, name: file.name, mime: file.mime, dataBase64: file.dataBase64 });
      onClose({ saved });
    } catch (error) {
      if (saved) onClose({ saved, attachFailed: true });
      else if (isBridgeRequestError(error) && error.code === 'conflict' && error.issues.some((i) => i.code === 'slot_taken')) {
        setTakenAt(form.visit?.startsAt ?? null);
        update({ visit: null });
      } else if (isBridgeRequestError(error) && error.code === 'invalid_params' && error.issues.length > 0) setServerIssues([...error.issues]);
      else if (isBridgeRequestError(error) && ['backend_unreachable', 'backend_not_configured', 'signed_out'].includes(error.code)) setFailure(t(`tickets.visit.unavailable.${error.code}`));
      else setFailure(t('tickets.form.saveFailed'));
    } finally {
      setSaving(false);
    }
  };

  const link = async (ticket: TicketSummary) => {
    setSaving(true);
    try {
      window.clearTimeout(draftTimer.current);
      const linked = await bridge().request('tickets.linkReport', {
        ticketId: ticket.id,
        callerName: form.callerName,
        callerPhone: form.callerPhone,
        contactId: form.contactId,
        callId: form.callId,
        note: form.description,
        draftId: form.draftId,
      });
      onClose({ linked });
    } catch {
      setFailure(t('tickets.form.saveFailed'));
    } finally {
      setSaving(false);
    }
  };

  const discard = async () => {
    window.clearTimeout(draftTimer.current);
    await bridge().request('tickets.discardDraft', { id: form.draftId }).catch(() => undefined);
    onClose({ discarded: true });
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      void save();
    }
  };

  const attributeField = (attribute: ServiceAttributeView) => {
    const value = form.attributes[attribute.code];
    const setValue = (v: string | string[]) => update({ attributes: { ...form.attributes, [attribute.code]: v } });
    const label = `${attribute.description}${attribute.required ? '' : ` ${t('tickets.form.optional')}`}`;
    const common = { label, required: attribute.required, hint: attribute.hint || undefined, validationMessage: issueFor(`attributes.${attribute.code}`) };
    switch (attribute.datatype) {
      case 'singlevaluelist':
        return (
          <Field key={attribute.code} {...common}>
            <RadioGroup value={typeof value === 'string' ? value : ''} onChange={(_, d) => setValue(d.value)} layout="horizontal">
              {attribute.values.map((v) => (
                <Radio key={v.key} value={v.key} label={v.name} />
              ))}
            </RadioGroup>
          </Field>
        );
      case 'multivaluelist': {
        const chosen = Array.isArray(value) ? value : [];
        return (
          <Field key={attribute.code} {...common}>
            <div role="group" aria-label={attribute.description} className={styles.chips}>
              {attribute.values.map((v) => (
                <Checkbox key={v.key} label={v.name} checked={chosen.includes(v.key)} onChange={(_, d) => setValue(d.checked ? [...chosen, v.key] : chosen.filter((k) => k !== v.key))} />
              ))}
            </div>
          </Field>
        );
      }
      case 'text':
        return (
          <Field key={attribute.code} {...common}>
            <Textarea value={typeof value === 'string' ? value : ''} onChange={(_, d) => setValue(d.value)} />
          </Field>
        );
      default:
        return (
          <Field key={attribute.code} {...common}>
            <Input
              type={attribute.datatype === 'datetime' ? 'datetime-local' : 'text'}
              inputMode={attribute.datatype === 'number' ? 'decimal' : undefined}
              value={typeof value === 'string' ? value : ''}
              onChange={(_, d) => setValue(d.value)}
            />
          </Field>
        );
    }
  };

  const dateTime = new Intl.DateTimeFormat(t('tickets.locale'), { dateStyle: 'medium', timeStyle: 'short' });
  const needsPlace = form.kind === 'fault';

  return (
    <Dialog open modalType="modal" onOpenChange={(_, data) => !data.open && void closeKeepingDraft()}>
      <DialogSurface className={styles.surface} onKeyDown={onKeyDown}>
        <DialogBody>
          <DialogTitle>{t('tickets.form.title')}</DialogTitle>
          <DialogContent className={styles.content}>
            {submitted && issues.length > 0 && (
              <MessageBar intent="error" role="alert" data-testid="ticket-form-errors">
                <MessageBarBody>{t('tickets.form.fixErrors', { count: issues.length })}</MessageBarBody>
              </MessageBar>
            )}
            {failure && (
              <MessageBar intent="error" role="alert">
                <MessageBarBody>{failure}</MessageBarBody>
              </MessageBar>
            )}
            <Field label={t('tickets.form.kind')}>
              <RadioGroup value={form.kind} layout="horizontal" onChange={(_, d) => update({ kind: d.value as TicketKind })}>
                {KINDS.map((kind) => (
                  <Radio key={kind} value={kind} label={t(`tickets.kind.${kind}`)} />
                ))}
              </RadioGroup>
            </Field>
            {form.kind === 'visit' && <VisitPicker value={form.visit} onChange={(visit) => update({ visit })} validationMessage={issueFor('visit')} takenAt={takenAt} />}
            <Field label={`${t('tickets.form.description')}${form.kind === 'visit' ? ` ${t('tickets.form.optional')}` : ''}`} required={form.kind !== 'information' && form.kind !== 'visit'} validationMessage={issueFor('description')}>
              <Textarea ref={firstField as never} value={form.description} onChange={(_, d) => update({ description: d.value })} resize="vertical" />
            </Field>
            {/* The row keeps its place while empty: suggestions arriving as the consultant reaches
                for the category list must not move it under the pointer. */}
            <div className={styles.suggestionRow}>
              {suggestions.length > 0 && (
                <div className={styles.chips} data-testid="ticket-suggestions">
                  <Text>{t('tickets.form.suggested')}</Text>
                  {suggestions.map((s) => (
                    <Button key={s.serviceCode} size="small" appearance={s.serviceCode === form.serviceCode ? 'primary' : 'secondary'} onClick={() => update({ serviceCode: s.serviceCode, attributes: {} })}>
                      {s.unitName ? t('tickets.form.suggestion', { service: s.serviceName, unit: s.unitName }) : s.serviceName}
                    </Button>
                  ))}
                </div>
              )}
            </div>
            {form.kind !== 'visit' && (
            <>
            <Field label={t('tickets.form.service')} required={form.kind === 'fault'} validationMessage={issueFor('serviceCode')}>
              <Dropdown
                value={service?.name ?? ''}
                selectedOptions={form.serviceCode ? [form.serviceCode] : []}
                placeholder={t('tickets.form.servicePlaceholder')}
                onOptionSelect={(_, d) => update({ serviceCode: d.optionValue ?? '', attributes: {} })}
              >
                {groups.map(([group, services]) => (
                  <OptionGroup key={group} label={group}>
                    {services.map((s) => (
                      <Option key={s.code} value={s.code}>
                        {s.name}
                      </Option>
                    ))}
                  </OptionGroup>
                ))}
              </Dropdown>
            </Field>
            {service && service.attributes.length > 0 && <div className={styles.box}>{service.attributes.map(attributeField)}</div>}
            {route?.unitId && (
              <Text data-testid="ticket-route">
                {t('tickets.form.route', { unit: route.unitName ?? route.unitId, deadline: route.deadlineAt ? dateTime.format(new Date(route.deadlineAt)) : '—' })}
              </Text>
            )}
            </>
            )}
            {form.kind === 'information' && (
              <Field label={t('tickets.form.answer')} required validationMessage={issueFor('answer')}>
                <Textarea value={form.answer} onChange={(_, d) => update({ answer: d.value })} resize="vertical" />
              </Field>
            )}
            {form.kind !== 'visit' && (
            <>
            <div className={styles.row}>
              <Field label={`${t('tickets.form.street')}${needsPlace ? '' : ` ${t('tickets.form.optional')}`}`} required={needsPlace} validationMessage={issueFor('streetId')}>
                <Combobox
                  freeform
                  open={streets.length > 0 && form.streetId === null && !streetsClosed}
                  onOpenChange={(_, d) => setStreetsClosed(!d.open)}
                  value={form.streetText}
                  selectedOptions={form.streetId ? [form.streetId] : []}
                  onChange={(event) => {
                    setStreetsClosed(false);
                    update({ streetText: event.target.value, streetId: null, streetDistricts: [], district: '' });
                  }}
                  onOptionSelect={(_, d) => {
                    const hit = streets.find((s) => s.id === d.optionValue);
                    if (hit) update({ streetId: hit.id, streetText: hit.name, streetDistricts: hit.districts, district: hit.districts.length === 1 ? hit.districts[0]! : '' });
                  }}
                >
                  {streets.map((s) => (
                    <Option key={s.id} value={s.id} text={s.name}>
                      {s.districts.length > 0 ? `${s.name} (${s.districts.join(', ')})` : s.name}
                    </Option>
                  ))}
                </Combobox>
              </Field>
              <Field label={`${t('tickets.form.building')} ${t('tickets.form.optional')}`} validationMessage={issueFor('building')}>
                <Input value={form.building} onChange={(_, d) => update({ building: d.value })} />
              </Field>
              {form.streetDistricts.length > 1 ? (
                <Field label={t('tickets.form.district')}>
                  <Dropdown value={form.district} selectedOptions={form.district ? [form.district] : []} onOptionSelect={(_, d) => update({ district: d.optionValue ?? '' })}>
                    {form.streetDistricts.map((d) => (
                      <Option key={d} value={d}>
                        {d}
                      </Option>
                    ))}
                  </Dropdown>
                </Field>
              ) : (
                <Field label={t('tickets.form.district')}>
                  <Input value={form.district} readOnly data-testid="ticket-district" />
                </Field>
              )}
            </div>
            <Field label={`${t('tickets.form.whereExactly')} ${t('tickets.form.optional')}`}>
              <Input value={form.whereExactly} onChange={(_, d) => update({ whereExactly: d.value })} />
            </Field>
            <div className={styles.row}>
              <Field label={`${t('tickets.form.lat')} ${t('tickets.form.optional')}`} validationMessage={issueFor('lat')}>
                <Input value={form.lat} onChange={(_, d) => update({ lat: d.value })} />
              </Field>
              <Field label={`${t('tickets.form.lon')} ${t('tickets.form.optional')}`} validationMessage={issueFor('lon')}>
                <Input value={form.lon} onChange={(_, d) => update({ lon: d.value })} />
              </Field>
            </div>
            </>
            )}
            {duplicates.length > 0 && (
              <section className={styles.box} aria-label={t('tickets.form.duplicates')} data-testid="ticket-duplicates">
                <Text weight="semibold">{t('tickets.form.duplicates')}</Text>
                <ul className={styles.list}>
                  {duplicates.map((d) => (
                    <li key={d.id} className={styles.duplicate}>
                      <Text>{t('tickets.form.duplicateLine', { number: d.number, title: d.title, place: `${d.streetName ?? ''} ${d.building}`.trim(), created: dateTime.format(new Date(d.createdAt)) })}</Text>
                      <Button size="small" disabled={saving} onClick={() => void link(d)}>
                        {t('tickets.form.link', { number: d.number })}
                      </Button>
                    </li>
                  ))}
                </ul>
              </section>
            )}
            <div className={styles.row}>
              <Field label={`${t('tickets.form.callerName')} ${t('tickets.form.optional')}`}>
                <Input value={form.callerName} onChange={(_, d) => update({ callerName: d.value })} />
              </Field>
              <Field label={`${t('tickets.form.callerPhone')} ${t('tickets.form.optional')}`} validationMessage={issueFor('callerPhone')}>
                <Input type="tel" value={form.callerPhone} onChange={(_, d) => update({ callerPhone: d.value })} />
              </Field>
            </div>
            <AttachmentPicker files={files} onChange={setFiles} />
            <Text size={200} aria-live="polite" data-testid="ticket-draft-state">
              {savedDraft === formJson ? t('tickets.form.draftSaved') : ''}
            </Text>
          </DialogContent>
          <DialogActions>
            <Button appearance="primary" disabled={saving} onClick={() => void save()}>
              {t('tickets.form.save')}
            </Button>
            <Button onClick={() => void closeKeepingDraft()}>{t('tickets.form.later')}</Button>
            <Button appearance="subtle" onClick={() => void discard()}>
              {t('tickets.form.discard')}
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
