import { Button, Dialog, DialogActions, DialogBody, DialogContent, DialogSurface, DialogTitle, Field, Input, Text, Textarea, makeStyles, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { KbProposalText } from '../../../preload/contract';
import { BridgeRequestError, bridge } from '../../bridge';

const useStyles = makeStyles({
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  body: { minHeight: '12rem' },
});

export const EMPTY_PROPOSAL: KbProposalText = { title: '', summary: '', body: '', keywords: [], unit: '', category: '' };

/** Field errors by field ("text.title" → "title"), translated from the core's codes. */
function fieldErrors(error: unknown): Record<string, string> {
  if (!(error instanceof BridgeRequestError)) return {};
  return Object.fromEntries(error.issues.map((issue) => [issue.field.replace(/^text\./, ''), issue.code]));
}

/**
 * A consultant proposes a new card or a correction of `articleId`, with a note for the editor.
 * Saved at the desk at once and sent when the backend is reachable.
 */
export function ProposalDialog({ articleId, initial, onClose }: { articleId: string | null; initial: KbProposalText; onClose(saved: boolean): void }) {
  const { t } = useTranslation();
  const styles = useStyles();
  const [text, setText] = useState<KbProposalText>(initial);
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const message = (field: string) => (errors[field] ? t(`kb.proposal.error.${errors[field]}`, { defaultValue: t('kb.proposal.error.invalid') }) : undefined);

  const submit = async (): Promise<void> => {
    setFailure(null);
    try {
      await bridge().request('kb.propose', { articleId, text, note });
      onClose(true);
    } catch (error) {
      const byField = fieldErrors(error);
      setErrors(byField);
      if (Object.keys(byField).length === 0) setFailure(t('kb.proposal.failed', { message: (error as Error).message }));
    }
  };

  const change = (field: keyof KbProposalText) => (_: unknown, data: { value: string }) => setText((current) => ({ ...current, [field]: data.value }));
  return (
    <Dialog open modalType="modal" onOpenChange={(_, data) => !data.open && onClose(false)}>
      <DialogSurface aria-describedby={undefined} data-testid="kb-proposal-dialog">
        <form
          noValidate // the core validates, and says which field in the user's language
          onSubmit={(event) => {
            event.preventDefault();
            void submit();
          }}
        >
          <DialogBody>
            <DialogTitle>{articleId ? t('kb.proposal.titleCorrection') : t('kb.proposal.titleNew')}</DialogTitle>
            <DialogContent className={styles.form}>
              <Field label={t('kb.proposal.cardTitle')} required validationMessage={message('title')}>
                <Input value={text.title} onChange={change('title')} />
              </Field>
              <Field label={t('kb.proposal.summary')} validationMessage={message('summary')}>
                <Textarea value={text.summary} onChange={change('summary')} resize="vertical" />
              </Field>
              <Field label={t('kb.proposal.body')} hint={t('kb.proposal.bodyHint')} required validationMessage={message('body')}>
                <Textarea className={styles.body} value={text.body} onChange={change('body')} resize="vertical" />
              </Field>
              <Field label={t('kb.proposal.note')} hint={t('kb.proposal.noteHint')} validationMessage={message('note')}>
                <Textarea value={note} onChange={(_, data) => setNote(data.value)} resize="vertical" />
              </Field>
              {failure && (
                <Text role="alert" data-testid="kb-proposal-failed">
                  {failure}
                </Text>
              )}
            </DialogContent>
            <DialogActions>
              <Button appearance="primary" type="submit" data-testid="kb-proposal-send">
                {t('kb.proposal.send')}
              </Button>
              <Button onClick={() => onClose(false)}>{t('kb.proposal.cancel')}</Button>
            </DialogActions>
          </DialogBody>
        </form>
      </DialogSurface>
    </Dialog>
  );
}
