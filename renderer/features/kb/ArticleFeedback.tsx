import { Button, Field, Text, Textarea, makeStyles, tokens } from '@fluentui/react-components';
import { CheckmarkCircleRegular, ThumbDislikeRegular } from '@fluentui/react-icons';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { KbArticleView, KbUseKind } from '../../../preload/contract';
import { bridge } from '../../bridge';
import { useSoftphoneStore } from '../softphone/softphone-store';

const useStyles = makeStyles({
  bar: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: tokens.spacingHorizontalS },
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS, maxWidth: '40rem' },
});

const COMMENT_MAX = 1000;

/**
 * "This answered the caller" (linked to the call in hand) and "this did not help" (with what was
 * missing): the editors see both, and the counts tell which cards earn their place.
 */
export function ArticleFeedback({ article }: { article: KbArticleView }) {
  const { t } = useTranslation();
  const styles = useStyles();
  const callId = useSoftphoneStore((state) => state.focusedCallId);
  const [counts, setCounts] = useState({ usageCount: article.usageCount, notHelpfulCount: article.notHelpfulCount });
  const [said, setSaid] = useState<KbUseKind | null>(null);
  const [asking, setAsking] = useState(false);
  const [comment, setComment] = useState('');
  const [error, setError] = useState<string | null>(null);
  const commentId = useId();

  const send = async (kind: KbUseKind): Promise<void> => {
    setError(null);
    try {
      const result = await bridge().request('kb.recordUse', { articleId: article.id, kind, callId, chatId: null, comment: kind === 'not_helpful' ? comment : '' });
      setCounts(result);
      setSaid(kind);
      setAsking(false);
      setComment('');
    } catch (failure) {
      setError(t('kb.feedback.failed', { message: (failure as Error).message }));
    }
  };

  const tooLong = comment.length > COMMENT_MAX;
  return (
    <div className={styles.form} data-testid="kb-feedback">
      <div className={styles.bar}>
        <Button icon={<CheckmarkCircleRegular />} disabled={said === 'answered'} onClick={() => void send('answered')} data-testid="kb-mark-answered">
          {callId ? t('kb.feedback.answeredCall') : t('kb.feedback.answered')}
        </Button>
        <Button icon={<ThumbDislikeRegular />} aria-expanded={asking} onClick={() => setAsking((open) => !open)} data-testid="kb-mark-not-helpful">
          {t('kb.feedback.notHelpful')}
        </Button>
        <Text data-testid="kb-usage-counts">{t('kb.feedback.counts', { answered: counts.usageCount, notHelpful: counts.notHelpfulCount })}</Text>
      </div>
      {asking && (
        <form
          className={styles.form}
          onSubmit={(event) => {
            event.preventDefault();
            if (!tooLong) void send('not_helpful');
          }}
        >
          <Field
            label={t('kb.feedback.commentLabel')}
            validationState={tooLong ? 'error' : 'none'}
            validationMessage={tooLong ? t('kb.feedback.commentTooLong', { max: COMMENT_MAX }) : undefined}
          >
            <Textarea id={commentId} value={comment} onChange={(_, data) => setComment(data.value)} resize="vertical" data-testid="kb-feedback-comment" />
          </Field>
          <div className={styles.bar}>
            <Button type="submit" appearance="primary" disabled={tooLong} data-testid="kb-feedback-send">
              {t('kb.feedback.send')}
            </Button>
          </div>
        </form>
      )}
      <div role="status" aria-live="polite">
        {said && <Text data-testid="kb-feedback-saved">{said === 'answered' ? t('kb.feedback.savedAnswered') : t('kb.feedback.savedNotHelpful')}</Text>}
        {error && <Text data-testid="kb-feedback-error">{error}</Text>}
      </div>
    </div>
  );
}
