import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  DialogTrigger,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  Select,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language, Settings, ThemeChoice } from '../../../preload/contract';
import { BackendKind, Language as LanguageSchema, ThemeChoice as ThemeChoiceSchema } from '../../../preload/contract';
import { isBridgeRequestError } from '../../bridge';
import { useUiStore } from '../../app/stores/ui-store';
import { THEME_CHOICES } from '../../app/theme';
import { AudioDeviceFields } from './AudioDeviceFields';
import { SipAccountFields } from '../softphone/SipAccountFields';
import { hasPendingSecrets, savePendingSecrets } from '../softphone/sip-secrets';
import { fieldMessage } from './field-messages';
import { issuesByField, toDraft, toPatch } from './settings-draft';
import type { DraftSection, SettingsDraft } from './settings-draft';
import { useSettingsStore } from './settings-store';

const useStyles = makeStyles({
  surface: { maxWidth: '640px', width: '100%' },
  content: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL },
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, border: 'none', margin: 0, padding: 0 },
  legend: { fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold, padding: 0, marginBottom: tokens.spacingVerticalXS },
});

/** The first field of each section, focused when the dialog is opened at that section. */
const SECTION_FIRST_FIELD: Record<string, string> = {
  backend: 'backend.url',
  sip: 'sip.websocketUrl',
  ui: 'ui.language',
  audio: 'audio.microphoneId',
};

export default function SettingsDialog() {
  const { t } = useTranslation();
  const styles = useStyles();
  const saved = useSettingsStore((state) => state.settings);
  const save = useSettingsStore((state) => state.save);
  const closeSettings = useUiStore((state) => state.closeSettings);
  const section = useUiStore((state) => state.settingsSection);
  const [draft, setDraft] = useState<SettingsDraft | null>(() => (saved ? toDraft(saved) : null));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    // After Fluent has placed its own initial focus: go to the section we were opened for.
    const frame = requestAnimationFrame(() => document.querySelector<HTMLElement>(`[data-field="${SECTION_FIRST_FIELD[section] ?? ''}"]`)?.focus());
    return () => cancelAnimationFrame(frame);
  }, [section]);

  if (!saved || !draft) return null;

  const edit = <S extends DraftSection>(sectionName: S, field: keyof SettingsDraft[S] & string, value: string): void => {
    setDraft({ ...draft, [sectionName]: { ...draft[sectionName], [field]: value } });
    setErrors(({ [`${sectionName}.${field}`]: _, ...rest }) => rest);
  };

  // Language and theme apply and are saved at once: they cannot be invalid.
  const saveUi = (ui: Partial<Settings['ui']>): void => {
    save({ ui: { ...saved.ui, ...ui } }).catch((error: unknown) => setFailure((error as Error).message));
  };

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    if (saving) return;
    setFailure(null);
    // The core validates with the same contract schema and names each refused field; one place
    // decides, so the dialog and the core can never disagree.
    const patch = toPatch(draft, saved);
    const changed = Object.keys(patch).length > 0;
    if (!changed && !hasPendingSecrets()) return closeSettings();
    setSaving(true);
    try {
      if (changed) await save(patch);
      await savePendingSecrets(); // the SIP password and TURN credential: stored apart from settings
      closeSettings();
    } catch (error) {
      if (isBridgeRequestError(error) && error.code === 'invalid_settings' && error.issues.length > 0) {
        const byField = issuesByField(error.issues);
        setErrors(byField);
        // Take the consultant to the first field to fix (its message is read out with it).
        const first = Object.keys(byField)[0];
        requestAnimationFrame(() => document.querySelector<HTMLElement>(`[data-field="${first}"]`)?.focus());
      } else setFailure((error as Error).message);
    } finally {
      setSaving(false);
    }
  };

  const errorCount = Object.keys(errors).length;
  const fieldProps = (field: string) => {
    const code = errors[field];
    return code ? { validationState: 'error' as const, validationMessage: fieldMessage(t, field, code) } : {};
  };
  const text = <S extends DraftSection>(sectionName: S, field: keyof SettingsDraft[S] & string, extra: { type?: 'url' | 'text' | 'password'; inputMode?: 'numeric' } = {}) => (
    // No id of our own: Fluent's Field pairs its label with the control by the id it generates.
    <Input
      data-field={`${sectionName}.${field}`}
      value={String(draft[sectionName][field])}
      onChange={(_, data) => edit(sectionName, field, data.value)}
      type={extra.type ?? 'text'}
      {...(extra.inputMode ? { inputMode: extra.inputMode } : {})}
      spellCheck={false}
      autoComplete="off"
    />
  );

  return (
    <Dialog open modalType="modal" onOpenChange={(_, data) => !data.open && closeSettings()}>
      <DialogSurface className={styles.surface} aria-describedby={undefined}>
        <form onSubmit={(event) => void submit(event)} noValidate>
          <DialogBody>
            <DialogTitle>{t('settings.title')}</DialogTitle>
            <DialogContent className={styles.content}>
              {errorCount > 0 && (
                <MessageBar intent="error" data-testid="settings-invalid">
                  <MessageBarBody>{t('settings.invalidSummary', { count: errorCount })}</MessageBarBody>
                </MessageBar>
              )}
              {failure && (
                <MessageBar intent="error">
                  <MessageBarBody>{t('settings.saveFailed', { message: failure })}</MessageBarBody>
                </MessageBar>
              )}

              <fieldset className={styles.section}>
                <legend className={styles.legend}>{t('settings.section.backend')}</legend>
                <Field label={t('settings.field.backendUrl')} hint={t('settings.hint.backendUrl')} {...fieldProps('backend.url')}>
                  {text('backend', 'url', { type: 'url' })}
                </Field>
                <Field label={t('settings.field.backendKind')} hint={t('settings.hint.backendKind')} {...fieldProps('backend.kind')}>
                  <Select data-field="backend.kind" value={draft.backend.kind} onChange={(_, data) => edit('backend', 'kind', BackendKind.parse(data.value))}>
                    {BackendKind.options.map((kind) => (
                      <option key={kind} value={kind}>
                        {t(`settings.backendKind.${kind}`)}
                      </option>
                    ))}
                  </Select>
                </Field>
                {/* The key and jurisdiction mean something only to an Open311 server. */}
                {draft.backend.kind === 'open311' && (
                  <>
                    <Field label={t('settings.field.open311ApiKey')} hint={t('settings.hint.open311ApiKey')} {...fieldProps('backend.open311ApiKey')}>
                      {text('backend', 'open311ApiKey', { type: 'password' })}
                    </Field>
                    <Field label={t('settings.field.open311Jurisdiction')} hint={t('settings.hint.open311Jurisdiction')} {...fieldProps('backend.open311Jurisdiction')}>
                      {text('backend', 'open311Jurisdiction')}
                    </Field>
                  </>
                )}
              </fieldset>

              <fieldset className={styles.section}>
                <legend className={styles.legend}>{t('settings.section.sip')}</legend>
                <Field label={t('settings.field.sipWebsocketUrl')} hint={t('settings.hint.sipWebsocketUrl')} {...fieldProps('sip.websocketUrl')}>
                  {text('sip', 'websocketUrl', { type: 'url' })}
                </Field>
                <Field label={t('settings.field.sipUri')} hint={t('settings.hint.sipUri')} {...fieldProps('sip.uri')}>
                  {text('sip', 'uri')}
                </Field>
                <Field label={t('settings.field.sipAuthorizationUser')} {...fieldProps('sip.authorizationUser')}>
                  {text('sip', 'authorizationUser')}
                </Field>
                <Field label={t('settings.field.sipDisplayName')} {...fieldProps('sip.displayName')}>
                  {text('sip', 'displayName')}
                </Field>
                <Field label={t('settings.field.sipRegisterExpires')} hint={t('settings.hint.sipRegisterExpires')} {...fieldProps('sip.registerExpires')}>
                  {text('sip', 'registerExpires', { inputMode: 'numeric' })}
                </Field>
                <SipAccountFields draft={draft.sip} onChange={(field, value) => edit('sip', field, value)} fieldProps={fieldProps} />
              </fieldset>

              <fieldset className={styles.section}>
                <legend className={styles.legend}>{t('settings.section.ui')}</legend>
                <Field label={t('settings.field.language')} hint={t('settings.hint.appliesAtOnce')}>
                  <Select
                    data-field="ui.language"
                    value={saved.ui.language}
                    onChange={(_, data) => saveUi({ language: LanguageSchema.parse(data.value) satisfies Language })}
                  >
                    <option value="pl">Polski</option>
                    <option value="en">English</option>
                  </Select>
                </Field>
                <Field label={t('settings.field.theme')} hint={t('settings.hint.appliesAtOnce')}>
                  <Select data-field="ui.theme" value={saved.ui.theme} onChange={(_, data) => saveUi({ theme: ThemeChoiceSchema.parse(data.value) satisfies ThemeChoice })}>
                    {THEME_CHOICES.map((choice) => (
                      <option key={choice} value={choice}>
                        {t(`theme.${choice}`)}
                      </option>
                    ))}
                  </Select>
                </Field>
              </fieldset>

              <fieldset className={styles.section}>
                <legend className={styles.legend}>{t('settings.section.audio')}</legend>
                <AudioDeviceFields audio={draft.audio} onChange={(field, value) => edit('audio', field, value)} fieldProps={fieldProps} />
              </fieldset>
            </DialogContent>
            <DialogActions>
              <DialogTrigger disableButtonEnhancement>
                <Button>{t('common.cancel')}</Button>
              </DialogTrigger>
              {/* Not disabled while saving: a disabled button drops focus out of the dialog (and Escape with it). */}
              <Button type="submit" appearance="primary" aria-busy={saving}>
                {saving ? t('settings.saving') : t('common.save')}
              </Button>
            </DialogActions>
          </DialogBody>
        </form>
      </DialogSurface>
    </Dialog>
  );
}
