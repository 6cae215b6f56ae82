import { Button, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TicketAttachmentView } from '../../../preload/contract';
import { bridge } from '../../bridge';
import { sizeText } from './AttachmentPicker';

const useStyles = makeStyles({
  list: { listStyle: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS },
  item: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'center', flexWrap: 'wrap' },
  state: { color: tokens.colorNeutralForeground2 },
});

/**
 * A ticket's files: names as text, and a download (the bytes saved as a file, never shown as a
 * page: a PDF or an image opens in the system's viewer, not in the desk).
 */
export function AttachmentList({ attachments }: { attachments: TicketAttachmentView[] }) {
  const { t } = useTranslation();
  const styles = useStyles();
  const [failed, setFailed] = useState<string | null>(null);

  const download = async (attachment: TicketAttachmentView) => {
    try {
      const file = await bridge().request('tickets.attachment', { id: attachment.id });
      const bytes = Uint8Array.from(atob(file.dataBase64), (c) => c.charCodeAt(0));
      // application/octet-stream: the browser saves it rather than rendering it.
      const url = URL.createObjectURL(new Blob([bytes], { type: 'application/octet-stream' }));
      const link = document.createElement('a');
      link.href = url;
      link.download = file.name;
      link.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch {
      setFailed(attachment.id);
    }
  };

  return (
    <section aria-label={t('tickets.attachments.title')} data-testid="ticket-attachments">
      <Text weight="semibold">{t('tickets.attachments.title')}</Text>
      <ul className={styles.list}>
        {attachments.map((a) => (
          <li key={a.id} className={styles.item} data-testid="ticket-attachment">
            <Text>{`${a.name} · ${t(`tickets.attachments.type.${a.mime.replace('/', '_')}`, { defaultValue: a.mime })} · ${sizeText(a.size, t('tickets.locale'))}`}</Text>
            <Text className={styles.state} data-testid="ticket-attachment-state">
              {a.uploaded ? t('tickets.attachments.uploaded') : t('tickets.attachments.waiting')}
            </Text>
            <Button size="small" onClick={() => void download(a)}>
              {t('tickets.attachments.download', { name: a.name })}
            </Button>
            {failed === a.id && <Text role="alert">{t('tickets.attachments.downloadFailed')}</Text>}
          </li>
        ))}
      </ul>
    </section>
  );
}
