import { Badge, Button, Field, Text, Textarea, makeStyles, tokens } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { KbProposalView } from '../../../preload/contract';
import { BridgeRequestError, bridge } from '../../bridge';

const useStyles = makeStyles({
  panel: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  list: { listStyleType: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  item: { border: `1px solid ${tokens.colorNeutralStroke2}`, borderRadius: tokens.borderRadiusMedium, padding: tokens.spacingHorizontalS, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  compare: { display: 'grid', gridTemplateColumns: '1fr 1fr', gap: tokens.spacingHorizontalS },
  text: { whiteSpace: 'pre-wrap', margin: 0, maxHeight: '12rem', overflowY: 'auto', fontSize: tokens.fontSizeBase200 },
  bar: { display: 'flex', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
});

/** The card as plain text for comparing: never rendered as Markdown or HTML here. */
const asText = (text: KbProposalView['text']): string => [text.title, text.summary, text.body].filter((part) => part !== '').join('\n\n');

/**
 * For editors (supervisor, admin): pending proposals with the card as it is beside the proposed
 * text; publish, or reject with a reason. Decisions go through the outbox like everything else.
 */
export function ProposalReview({ revision }: { revision: number }) {
  const { t } = useTranslation();
  const styles = useStyles();
  const [items, setItems] = useState<KbProposalView[] | null>(null);
  const [reasons, setReasons] = useState<Record<string, string>>({});
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [reload, setReload] = useState(0);

  useEffect(() => {
    let current = true;
    bridge()
      .request('kb.proposals', { status: 'pending' })
      .then((found) => current && setItems(found), () => current && setItems([]));
    return () => {
      current = false;
    };
  }, [revision, reload]);

  const decide = async (proposal: KbProposalView, decision: 'publish' | 'reject'): Promise<void> => {
    setErrors((all) => ({ ...all, [proposal.id]: '' }));
    try {
      await bridge().request('kb.reviewProposal', { id: proposal.id, decision, note: reasons[proposal.id] ?? '' });
      setReload((n) => n + 1);
    } catch (error) {
      const code = error instanceof BridgeRequestError ? (error.issues[0]?.code ?? error.code) : 'internal';
      setErrors((all) => ({ ...all, [proposal.id]: t(`kb.review.error.${code}`, { defaultValue: t('kb.review.error.internal') }) }));
    }
  };

  if (items === null) return null;
  return (
    <section className={styles.panel} aria-labelledby="kb-review-heading" data-testid="kb-review">
      <Text as="h3" id="kb-review-heading" weight="semibold">
        {t('kb.review.heading', { count: items.length })}
      </Text>
      {items.length === 0 ? (
        <Text>{t('kb.review.none')}</Text>
      ) : (
        <ul className={styles.list}>
          {items.map((proposal) => (
            <li key={proposal.id} className={styles.item} data-testid="kb-review-item">
              <Text weight="semibold">{proposal.articleId ? t('kb.review.correction', { title: proposal.current?.title ?? proposal.text.title }) : t('kb.review.newCard', { title: proposal.text.title })}</Text>
              <Text>{t('kb.review.by', { name: proposal.proposedBy || t('kb.review.thisDesk'), date: new Date(proposal.proposedAt).toLocaleString() })}</Text>
              {proposal.status === 'sending' && <Badge appearance="tint">{t('kb.review.sending')}</Badge>}
              {proposal.articleChanged && (
                <Badge appearance="tint" color="warning">
                  {t('kb.review.changed')}
                </Badge>
              )}
              {proposal.note && <Text>{t('kb.review.note', { note: proposal.note })}</Text>}
              <div className={styles.compare}>
                <div>
                  <Text weight="semibold">{t('kb.review.currentText')}</Text>
                  <pre className={styles.text}>{proposal.current ? asText(proposal.current) : t('kb.review.noCurrent')}</pre>
                </div>
                <div>
                  <Text weight="semibold">{t('kb.review.proposedText')}</Text>
                  <pre className={styles.text} data-testid="kb-review-proposed">
                    {asText(proposal.text)}
                  </pre>
                </div>
              </div>
              {proposal.status === 'pending' && (
                <>
                  <Field label={t('kb.review.reason')} validationMessage={errors[proposal.id] || undefined}>
                    <Textarea value={reasons[proposal.id] ?? ''} onChange={(_, data) => setReasons((all) => ({ ...all, [proposal.id]: data.value }))} resize="vertical" />
                  </Field>
                  <div className={styles.bar}>
                    <Button appearance="primary" onClick={() => void decide(proposal, 'publish')} data-testid="kb-review-publish">
                      {t('kb.review.publish')}
                    </Button>
                    <Button onClick={() => void decide(proposal, 'reject')} data-testid="kb-review-reject">
                      {t('kb.review.reject')}
                    </Button>
                  </div>
                </>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
