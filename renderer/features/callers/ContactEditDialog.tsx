import { Button, Checkbox, Dialog, DialogActions, DialogBody, DialogContent, DialogSurface, DialogTitle, Field, Input, Select, Text, Textarea, makeStyles, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ContactFlag, PreferredChannel } from '../../../preload/contract';
import type { Contact } from '../../../preload/contract';
import { bridge, isBridgeRequestError } from '../../bridge';
import { callerErrorText } from './caller-text';

/** Languages offered for a contact (ISO 639-1); the ones a Polish city line hears most. */
const LANGUAGES = ['pl', 'uk', 'en', 'ru', 'be', 'de', 'vi'] as const;

const useStyles = makeStyles({
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  flags: { display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(14rem, 1fr))', border: 'none', margin: 0, padding: 0 },
  legend: { fontWeight: tokens.fontWeightSemibold, padding: 0, marginBottom: tokens.spacingVerticalXS },
});

const lines = (text: string): string[] =>
  text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');

/** The field a core issue names ("phones.2" → "phones"). */
function fieldOf(error: unknown): string | null {
  return isBridgeRequestError(error) ? (error.issues[0]?.field.split('.')[0] ?? null) : null;
}

/** Edits a contact's name, numbers, addresses, preferred channel, language and flags. */
export function ContactEditDialog({ contact, onClose }: { contact: Contact; onClose(saved: boolean): void }) {
  const { t, i18n } = useTranslation();
  const styles = useStyles();
  const [name, setName] = useState(contact.name ?? '');
  const [phones, setPhones] = useState(contact.phones.map((p) => p.display).join('\n'));
  const [addresses, setAddresses] = useState(contact.addresses.join('\n'));
  const [channel, setChannel] = useState<string>(contact.preferredChannel ?? '');
  const [language, setLanguage] = useState<string>(contact.language ?? '');
  const [flags, setFlags] = useState<ContactFlag[]>(contact.flags);
  const [error, setError] = useState<{ field: string | null; text: string } | null>(null);
  const [saving, setSaving] = useState(false);
  const languageName = (code: string): string => new Intl.DisplayNames([i18n.language], { type: 'language' }).of(code) ?? code;
  const languages = contact.language && !LANGUAGES.includes(contact.language as (typeof LANGUAGES)[number]) ? [...LANGUAGES, contact.language] : LANGUAGES;
  const messageFor = (field: string): string | undefined => (error && error.field === field ? error.text : undefined);

  const save = async (): Promise<void> => {
    setSaving(true);
    setError(null);
    try {
      await bridge().request('contacts.update', {
        id: contact.id,
        name,
        phones: lines(phones),
        addresses: lines(addresses),
        preferredChannel: channel === '' ? null : PreferredChannel.parse(channel),
        language: language === '' ? null : language,
        flags,
      });
      onClose(true);
    } catch (failure) {
      setError({ field: fieldOf(failure), text: callerErrorText(t, failure) });
      setSaving(false);
    }
  };

  return (
    <Dialog open modalType="modal" onOpenChange={(_, data) => !data.open && onClose(false)}>
      <DialogSurface aria-describedby={undefined} data-testid="contact-edit-dialog">
        <form
          noValidate // the core checks every field and says which one is wrong, in the user's language
          onSubmit={(event) => {
            event.preventDefault();
            void save();
          }}
        >
          <DialogBody>
            <DialogTitle>{t('callers.edit.title')}</DialogTitle>
            <DialogContent className={styles.form}>
              <Field label={t('callers.newName')} required validationMessage={messageFor('name')}>
                <Input value={name} maxLength={200} onChange={(_, data) => setName(data.value)} />
              </Field>
              <Field label={t('callers.edit.phones')} hint={t('callers.edit.onePerLine')} validationMessage={messageFor('phones')}>
                <Textarea value={phones} resize="vertical" onChange={(_, data) => setPhones(data.value)} />
              </Field>
              <Field label={t('callers.edit.addresses')} hint={t('callers.edit.onePerLine')} validationMessage={messageFor('addresses')}>
                <Textarea value={addresses} resize="vertical" onChange={(_, data) => setAddresses(data.value)} />
              </Field>
              <Field label={t('callers.edit.channel')}>
                <Select value={channel} onChange={(_, data) => setChannel(data.value)}>
                  <option value="">{t('callers.edit.notSet')}</option>
                  {PreferredChannel.options.map((option) => (
                    <option key={option} value={option}>
                      {t(`callers.channel.${option}`)}
                    </option>
                  ))}
                </Select>
              </Field>
              <Field label={t('callers.edit.language')}>
                <Select value={language} onChange={(_, data) => setLanguage(data.value)}>
                  <option value="">{t('callers.edit.notSet')}</option>
                  {languages.map((code) => (
                    <option key={code} value={code}>
                      {languageName(code)}
                    </option>
                  ))}
                </Select>
              </Field>
              <fieldset className={styles.flags}>
                <legend className={styles.legend}>{t('callers.edit.flags')}</legend>
                {ContactFlag.options.map((flag) => (
                  <Checkbox
                    key={flag}
                    label={t(`callers.flag.${flag}`)}
                    checked={flags.includes(flag)}
                    onChange={(_, data) => setFlags((current) => (data.checked ? [...current, flag] : current.filter((f) => f !== flag)))}
                  />
                ))}
              </fieldset>
              {error && error.field === null ? <Text role="alert">{error.text}</Text> : null}
            </DialogContent>
            <DialogActions>
              <Button type="submit" appearance="primary" disabled={saving}>
                {t('callers.edit.save')}
              </Button>
              <Button onClick={() => onClose(false)}>{t('callers.cancel')}</Button>
            </DialogActions>
          </DialogBody>
        </form>
      </DialogSurface>
    </Dialog>
  );
}
