import { Button, Field, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import type { ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ATTACHMENT_TYPES, MAX_ATTACHMENTS_PER_TICKET, attachmentProblem } from '../../../preload/contract';
import type { AttachmentMime } from '../../../preload/contract';

/** A file chosen in the form, checked, waiting for the ticket to be saved. */
export interface ChosenFile {
  key: string;
  name: string;
  mime: AttachmentMime;
  size: number;
  dataBase64: string;
}

const useStyles = makeStyles({
  list: { listStyle: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS },
  item: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'center', flexWrap: 'wrap' },
  input: { padding: tokens.spacingVerticalXS },
});

function toBase64(bytes: Uint8Array): string {
  let text = '';
  for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(text);
}

/** "120 KB" / "1,2 MB" in the desk's language. */
export function sizeText(bytes: number, locale: string): string {
  const format = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
  return bytes < 1024 * 1024 ? `${format.format(Math.max(1, Math.round(bytes / 1024)))} KB` : `${format.format(bytes / 1024 / 1024)} MB`;
}

interface Props {
  files: ChosenFile[];
  onChange(files: ChosenFile[]): void;
}

/** Photos and PDFs for the ticket: type, size and bytes checked here, again in the core and at the backend. */
export function AttachmentPicker({ files, onChange }: Props) {
  const { t } = useTranslation();
  const styles = useStyles();
  const [problems, setProblems] = useState<string[]>([]);

  const choose = async (event: ChangeEvent<HTMLInputElement>) => {
    const chosen = [...(event.target.files ?? [])];
    event.target.value = '';
    const accepted: ChosenFile[] = [];
    const refused: string[] = [];
    for (const file of chosen) {
      if (files.length + accepted.length >= MAX_ATTACHMENTS_PER_TICKET) {
        refused.push(t('tickets.attachments.error.too_many', { name: file.name, max: MAX_ATTACHMENTS_PER_TICKET }));
        continue;
      }
      const bytes = new Uint8Array(await file.arrayBuffer());
      const problem = attachmentProblem(file.name, file.type, bytes);
      if (problem) refused.push(t(`tickets.attachments.error.${problem}`, { name: file.name }));
      else accepted.push({ key: crypto.randomUUID(), name: file.name, mime: file.type as AttachmentMime, size: bytes.length, dataBase64: toBase64(bytes) });
    }
    setProblems(refused);
    if (accepted.length > 0) onChange([...files, ...accepted]);
  };

  return (
    <div>
    <Field
      label={`${t('tickets.attachments.label')} ${t('tickets.form.optional')}`}
      hint={t('tickets.attachments.hint', { max: MAX_ATTACHMENTS_PER_TICKET })}
      validationMessage={problems.length > 0 ? problems.join(' ') : undefined}
    >
      <input className={styles.input} aria-label={t('tickets.attachments.label')} type="file" multiple accept={ATTACHMENT_TYPES.join(',')} onChange={(e) => void choose(e)} data-testid="ticket-attachment-input" />
    </Field>
      {files.length > 0 && (
        <ul className={styles.list} data-testid="ticket-attachments-chosen">
          {files.map((file) => (
            <li key={file.key} className={styles.item}>
              <Text>{`${file.name} · ${sizeText(file.size, t('tickets.locale'))}`}</Text>
              <Button size="small" appearance="subtle" onClick={() => onChange(files.filter((f) => f.key !== file.key))}>
                {t('tickets.attachments.remove', { name: file.name })}
              </Button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
