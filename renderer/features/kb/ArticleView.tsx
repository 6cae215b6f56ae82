import { Badge, Button, MessageBar, MessageBarBody, Text, Toast, ToastTitle, makeStyles, tokens, useToastController } from '@fluentui/react-components';
import { ArrowLeftRegular, CopyRegular, EditRegular } from '@fluentui/react-icons';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { KbArticleView } from '../../../preload/contract';
import { DESK_TOASTER_ID } from '../../app/toaster';
import { ArticleFeedback } from './ArticleFeedback';
import { ProposalDialog } from './ProposalDialog';
import { SendAnswerDialog } from '../chats/SendAnswerDialog';
import { useTicketDraftRequest } from '../tickets/ticket-draft-request';
import { formatDate } from './format-date';
import { MarkdownBody, blocksToText, parseBlocks } from './markdown';
import type { Block } from './markdown';
import { cardMarkdown } from './card-markdown';
import type { CardFact } from './card-markdown';

const useStyles = makeStyles({
  article: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, minHeight: 0 },
  bar: { display: 'flex', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
  title: { margin: 0, fontSize: tokens.fontSizeBase500, lineHeight: tokens.lineHeightBase500, fontWeight: tokens.fontWeightSemibold, outlineStyle: 'none' },
  meta: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalM, color: tokens.colorNeutralForeground2, margin: 0 },
  summary: { margin: 0, fontWeight: tokens.fontWeightSemibold },
  body: {
    '& h4, & h5, & h6': { margin: `${tokens.spacingVerticalM} 0 ${tokens.spacingVerticalXS}`, fontSize: tokens.fontSizeBase300, fontWeight: tokens.fontWeightSemibold },
    '& p, & ul, & ol': { margin: `0 0 ${tokens.spacingVerticalXS}` },
    '& ul, & ol': { paddingLeft: tokens.spacingHorizontalXXL },
    '& a': { color: tokens.colorBrandForegroundLink },
  },
});

/** Sections a consultant reads out: documents, fees, deadlines, where and how, forms and links. */
const KEY_SECTION = /dokument|opłat|koszt|termin|gdzie|jak złożyć|jak zgłosić|kontakt|formularz|link|documents|fees?|deadline|where|how to|forms?\b/i;

/** Title, summary and the chosen parts of a card as plain text, separated by blank lines. */
function plainAnswer(article: KbArticleView, parts: readonly string[]): string {
  return [article.title, article.summary, ...parts].filter((part) => part.trim() !== '').join('\n\n');
}

/** Summary and key sections (the card's facts among them) as plain text, ready to paste into a chat or an e-mail. */
export function answerText(article: KbArticleView, heading: (fact: CardFact) => string): string {
  const blocks = parseBlocks(cardMarkdown(article, heading));
  const sections: Block[][] = [];
  let current: Block[] = [];
  for (const block of blocks) {
    if (block.type === 'heading') {
      if (current.length > 0) sections.push(current);
      current = [block];
    } else current.push(block);
  }
  if (current.length > 0) sections.push(current);
  const key = sections.filter((section) => section[0]?.type === 'heading' && KEY_SECTION.test(section[0].text));
  const chosen = key.length > 0 ? key : sections;
  return plainAnswer(article, chosen.map((section) => blocksToText(section)));
}

/** The answer cut for an SMS: title, summary, where and when, forms and links. */
export function briefAnswerText(article: KbArticleView, heading: (fact: CardFact) => string): string {
  const facts = cardMarkdown({ ...article, documents: [], fees: '', deadlines: '', body: '' }, heading);
  return plainAnswer(article, [blocksToText(parseBlocks(facts))]);
}

/** One service card for reading: loaded on first use with its Markdown renderer. */
export default function ArticleView({ article, onBack }: { article: KbArticleView; onBack(): void }) {
  const { t, i18n } = useTranslation();
  const styles = useStyles();
  // The card's own headings are in the card's language: they go to the resident with its text.
  const cardT = i18n.getFixedT(article.lang === 'en' ? 'en' : 'pl');
  const heading = (fact: CardFact): string => cardT(`kb.facts.${fact}`);
  const answer = (): string => answerText(article, heading);
  const { dispatchToast } = useToastController(DESK_TOASTER_ID);
  const titleRef = useRef<HTMLHeadingElement>(null);
  const [proposing, setProposing] = useState(false);
  const [sending, setSending] = useState(false);

  // Opening a card moves the reading position to it; Escape (handled by the panel) goes back.
  useEffect(() => titleRef.current?.focus(), [article.id]);

  const copy = async (): Promise<void> => {
    let ok = true;
    try {
      await navigator.clipboard.writeText(answer());
    } catch {
      ok = false;
    }
    dispatchToast(
      <Toast data-testid="kb-copy-toast">
        <ToastTitle>{ok ? t('kb.article.copied') : t('kb.article.copyFailed')}</ToastTitle>
      </Toast>,
      { intent: ok ? 'success' : 'error', politeness: 'polite', timeout: 4000 },
    );
  };

  const titleId = `kb-article-title-${article.id}`;
  return (
    <article className={styles.article} aria-labelledby={titleId} data-testid="kb-article">
      <div className={styles.bar}>
        <Button icon={<ArrowLeftRegular />} onClick={onBack} data-testid="kb-article-back">
          {t('kb.article.back')}
        </Button>
        <Button appearance="primary" icon={<CopyRegular />} onClick={() => void copy()} data-testid="kb-copy-answer">
          {t('kb.article.copy')}
        </Button>
        <Button onClick={() => setSending(true)} data-testid="kb-send-answer">
          {t('chats.sendAnswer.open')}
        </Button>
        <Button icon={<EditRegular />} onClick={() => setProposing(true)} data-testid="kb-propose-correction">
          {t('kb.proposal.correct')}
        </Button>
        <Button onClick={() => useTicketDraftRequest.getState().request({ kind: 'information', kbArticleId: article.id, description: article.title, answer: answer().slice(0, 4000) })} data-testid="kb-register-information">
          {t('tickets.fromKb')}
        </Button>
      </div>
      <h3 id={titleId} ref={titleRef} tabIndex={-1} className={styles.title}>
        {article.title}
      </h3>
      <p className={styles.meta}>
        <Text>{t('kb.article.unit', { unit: article.unit })}</Text>
        <Text>{t('kb.article.category', { category: article.category })}</Text>
        <Text>{t('kb.article.updated', { date: formatDate(article.updatedAt, i18n.language) })}</Text>
        {article.validFrom && <Text>{t('kb.article.validFrom', { date: formatDate(article.validFrom, i18n.language) })}</Text>}
        {article.expiresAt && !article.expired && <Text>{t('kb.article.validUntil', { date: formatDate(article.expiresAt, i18n.language) })}</Text>}
        {article.expired && (
          <Badge appearance="filled" color="danger">
            {t('kb.expired')}
          </Badge>
        )}
      </p>
      {article.expired && (
        <MessageBar intent="warning" data-testid="kb-article-expired">
          <MessageBarBody>{t('kb.article.expiredWarning', { date: formatDate(article.expiresAt, i18n.language) })}</MessageBarBody>
        </MessageBar>
      )}
      {article.upcoming && (
        <MessageBar intent="info" data-testid="kb-article-upcoming">
          <MessageBarBody>{t('kb.article.upcomingWarning', { date: formatDate(article.validFrom, i18n.language) })}</MessageBarBody>
        </MessageBar>
      )}
      {article.summary && <p className={styles.summary}>{article.summary}</p>}
      <div className={styles.body} data-testid="kb-article-body">
        <MarkdownBody markdown={cardMarkdown(article, heading)} />
      </div>
      <ArticleFeedback key={article.id} article={article} />
      {sending && <SendAnswerDialog articleId={article.id} title={article.title} text={answer()} smsText={briefAnswerText(article, heading)} onClose={() => setSending(false)} />}
      {proposing && (
        <ProposalDialog
          articleId={article.id}
          initial={{ title: article.title, summary: article.summary, body: article.body, keywords: article.keywords, unit: article.unit, category: article.category }}
          onClose={(saved) => {
            setProposing(false);
            if (saved) dispatchToast(<Toast data-testid="kb-proposal-toast"><ToastTitle>{t('kb.proposal.saved')}</ToastTitle></Toast>, { intent: 'success', politeness: 'polite', timeout: 4000 });
          }}
        />
      )}
    </article>
  );
}
