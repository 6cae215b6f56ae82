import { Button, Dropdown, Field, MessageBar, MessageBarBody, Option, Radio, RadioGroup, Spinner, makeStyles, tokens } from '@fluentui/react-components';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { VisitChoice, VisitOfficeView, VisitSlotView } from '../../../preload/contract';
import { bridge, isBridgeRequestError } from '../../bridge';

const useStyles = makeStyles({
  box: { padding: tokens.spacingHorizontalS, border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`, borderRadius: tokens.borderRadiusMedium, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  row: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalM, '> *': { flex: '1 1 200px', minWidth: 0 } },
  slots: { display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(190px, 1fr))' },
});

/** Why the backend could not be asked, as the consultant reads it (booking needs the backend at once). */
function unavailableKey(error: unknown): string {
  const code = isBridgeRequestError(error) ? error.code : 'internal';
  if (code === 'backend_not_configured' || code === 'signed_out' || code === 'backend_unreachable') return `tickets.visit.unavailable.${code}`;
  return 'tickets.visit.unavailable.backend_unreachable';
}

interface Props {
  value: VisitChoice | null;
  onChange(value: VisitChoice | null): void;
  validationMessage?: string | undefined;
  /** Set after the backend refused a slot as taken: slots are offered again from that time. */
  takenAt: number | null;
}

/** Office, service and a free slot, from the backend. */
export function VisitPicker({ value, onChange, validationMessage, takenAt }: Props) {
  const { t } = useTranslation();
  const styles = useStyles();
  const [offices, setOffices] = useState<VisitOfficeView[] | null>(null);
  const [unavailable, setUnavailable] = useState<string | null>(null);
  const [officeId, setOfficeId] = useState(value?.officeId ?? '');
  const [serviceId, setServiceId] = useState(value?.serviceId ?? '');
  const [slots, setSlots] = useState<VisitSlotView[] | null>(null);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let live = true;
    setUnavailable(null);
    void bridge()
      .request('tickets.visitOffices', {})
      .then(
        (loaded) => live && setOffices(loaded),
        (error: unknown) => live && setUnavailable(unavailableKey(error)),
      );
    return () => {
      live = false;
    };
  }, [attempt]);

  const office = offices?.find((o) => o.id === officeId) ?? null;
  const service = office?.services.find((s) => s.id === serviceId) ?? null;

  const loadSlots = useCallback(
    (from: number | undefined) => {
      if (!officeId || !serviceId) return () => undefined;
      let live = true;
      setSlots(null);
      void bridge()
        .request('tickets.visitSlots', { officeId, serviceId, limit: 12, ...(from !== undefined ? { from } : {}) })
        .then(
          (loaded) => live && setSlots(loaded),
          (error: unknown) => live && setUnavailable(unavailableKey(error)),
        );
      return () => {
        live = false;
      };
    },
    [officeId, serviceId],
  );

  useEffect(() => loadSlots(takenAt ?? undefined), [loadSlots, takenAt, attempt]);

  const dateTime = new Intl.DateTimeFormat(t('tickets.locale'), { weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });

  return (
    <section className={styles.box} aria-label={t('tickets.visit.title')} data-testid="ticket-visit">
      {unavailable && (
        <MessageBar intent="warning" role="alert" data-testid="ticket-visit-unavailable">
          <MessageBarBody>{t(unavailable)}</MessageBarBody>
          <Button size="small" onClick={() => setAttempt((a) => a + 1)}>
            {t('tickets.visit.retry')}
          </Button>
        </MessageBar>
      )}
      {takenAt !== null && (
        <MessageBar intent="error" role="alert" data-testid="ticket-visit-taken">
          <MessageBarBody>{t('tickets.visit.taken', { time: dateTime.format(new Date(takenAt)) })}</MessageBarBody>
        </MessageBar>
      )}
      {!offices && !unavailable && <Spinner size="tiny" label={t('tickets.visit.loading')} />}
      {offices && (
        <div className={styles.row}>
          <Field label={t('tickets.visit.office')} required>
            <Dropdown
              value={office?.name ?? ''}
              selectedOptions={officeId ? [officeId] : []}
              placeholder={t('tickets.visit.officePlaceholder')}
              onOptionSelect={(_, d) => {
                setOfficeId(d.optionValue ?? '');
                setServiceId('');
                onChange(null);
              }}
            >
              {offices.map((o) => (
                <Option key={o.id} value={o.id} text={o.name}>
                  {`${o.name} (${o.address})`}
                </Option>
              ))}
            </Dropdown>
          </Field>
          <Field label={t('tickets.visit.service')} required>
            <Dropdown
              value={service?.name ?? ''}
              disabled={!office}
              selectedOptions={serviceId ? [serviceId] : []}
              placeholder={t('tickets.visit.servicePlaceholder')}
              onOptionSelect={(_, d) => {
                setServiceId(d.optionValue ?? '');
                onChange(null);
              }}
            >
              {(office?.services ?? []).map((s) => (
                <Option key={s.id} value={s.id} text={s.name}>
                  {t('tickets.visit.serviceLine', { name: s.name, minutes: s.durationMinutes })}
                </Option>
              ))}
            </Dropdown>
          </Field>
        </div>
      )}
      {office && service && (
        <Field label={takenAt !== null ? t('tickets.visit.nextSlots') : t('tickets.visit.slot')} required validationMessage={validationMessage}>
          {slots === null ? (
            <Spinner size="tiny" label={t('tickets.visit.loading')} />
          ) : slots.length === 0 ? (
            <span>{t('tickets.visit.noSlots')}</span>
          ) : (
            <RadioGroup
              className={styles.slots}
              value={value ? String(value.startsAt) : ''}
              onChange={(_, d) => {
                const slot = slots.find((s) => String(s.startsAt) === d.value);
                if (slot) onChange({ officeId: office.id, officeName: office.name, serviceId: service.id, serviceName: service.name, startsAt: slot.startsAt, endsAt: slot.endsAt });
              }}
              data-testid="ticket-visit-slots"
            >
              {slots.map((s) => (
                <Radio key={s.startsAt} value={String(s.startsAt)} label={dateTime.format(new Date(s.startsAt))} />
              ))}
            </RadioGroup>
          )}
        </Field>
      )}
    </section>
  );
}
