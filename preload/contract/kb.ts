import { z } from 'zod';

const IsoDateTime = z.iso.datetime({ offset: true, message: 'datetime_invalid' });
const IsoDateOrDateTime = z.union([IsoDateTime, z.iso.date()], { message: 'datetime_invalid' });

/** A related form or page: web addresses only (the shell opens them in the system browser). */
export const KbLink = z.object({
  title: z.string().trim().min(1, 'required').max(200, 'too_long'),
  url: z.url({ protocol: /^https?$/, message: 'url_invalid' }).max(2000, 'too_long'),
});
export type KbLink = z.infer<typeof KbLink>;

/** Each field a consultant reads out on its own: a few lines, Markdown allowed. */
const KbFact = z.string().trim().max(2000, 'too_long').default('');

/** A knowledge-base article (service card) as imported or pulled from the backend. */
export const KbArticleInput = z.object({
  id: z.string().min(1, 'required').max(100, 'too_long').regex(/^[\w.:-]+$/, 'id_invalid'),
  title: z.string().trim().min(1, 'required').max(300, 'too_long'),
  summary: z.string().trim().max(2000, 'too_long').default(''),
  body: z.string().max(200_000, 'too_long').default(''),
  /** Required documents, one item each. */
  documents: z.array(z.string().trim().min(1, 'required').max(500, 'too_long')).max(50, 'too_many').default([]),
  fees: KbFact,
  deadlines: KbFact,
  /** Where and when: the office, its address and opening hours. */
  where_when: KbFact,
  /** Related forms and links. */
  links: z.array(KbLink).max(20, 'too_many').default([]),
  keywords: z.array(z.string().trim().min(1).max(100, 'too_long')).max(200, 'too_many').default([]),
  unit: z.string().trim().min(1, 'required').max(200, 'too_long'),
  category: z.string().trim().min(1, 'required').max(200, 'too_long'),
  updated_at: IsoDateTime,
  /** Announced ahead: until this date the article is marked and ranked behind those in force. */
  valid_from: IsoDateOrDateTime.nullable().optional(),
  expires_at: IsoDateOrDateTime.nullable().optional(),
  lang: z.enum(['pl', 'en']).default('pl'),
  version: z.number().int().positive().optional(),
});
export type KbArticleInput = z.input<typeof KbArticleInput>;
export type KbArticle = z.output<typeof KbArticleInput>;

export const KbSearchParams = z
  .object({
    // A pasted page must never break search-as-you-type: longer queries are cut, not refused.
    query: z.string().transform((query) => query.slice(0, 10_000)),
    unit: z.string().max(200).optional(),
    category: z.string().max(200).optional(),
    limit: z.number().int().min(1).max(50).default(10),
  })
  .strict();
export type KbSearchParams = z.input<typeof KbSearchParams>;

/** A piece of text and the [start, end) ranges to highlight in it: never HTML. */
export const HighlightedText = z.object({ text: z.string(), highlights: z.array(z.tuple([z.number().int(), z.number().int()])) });
export type HighlightedText = z.infer<typeof HighlightedText>;

export const KbHit = z.object({
  id: z.string(),
  title: HighlightedText,
  snippet: HighlightedText,
  unit: z.string(),
  category: z.string(),
  score: z.number(),
  expired: z.boolean(),
  /** The date it comes into force, while that is still ahead; null once it applies. */
  validFrom: z.string().nullable(),
});
export type KbHit = z.infer<typeof KbHit>;

export const KbSearchResult = z.object({
  hits: z.array(KbHit),
  /** How the query was understood: the words searched and typo corrections made. */
  understood: z.object({ terms: z.array(z.string()), corrections: z.array(z.tuple([z.string(), z.string()])), fallback: z.enum(['none', 'any_word', 'typo']) }),
});
export type KbSearchResult = z.infer<typeof KbSearchResult>;

/** A whole article for reading: Markdown body (rendered as text structure, never raw HTML). */
export const KbArticleView = z.object({
  id: z.string(),
  title: z.string(),
  summary: z.string(),
  body: z.string(),
  documents: z.array(z.string()),
  fees: z.string(),
  deadlines: z.string(),
  whereWhen: z.string(),
  links: z.array(KbLink),
  keywords: z.array(z.string()),
  unit: z.string(),
  category: z.string(),
  lang: z.string(),
  updatedAt: z.string(),
  validFrom: z.string().nullable(),
  expiresAt: z.string().nullable(),
  expired: z.boolean(),
  /** Announced but not in force yet (validFrom is ahead). */
  upcoming: z.boolean(),
  /** How often consultants at this desk marked it as the answer, and as not helpful. */
  usageCount: z.number().int().nonnegative(),
  notHelpfulCount: z.number().int().nonnegative(),
});
export type KbArticleView = z.infer<typeof KbArticleView>;

/**
 * A consultant says an article answered the contact in hand (`answered`, linked to the call or
 * chat) or did not help (`not_helpful`, with what was missing). Stored at the desk and sent to the
 * backend, where the knowledge-base editors see the counts and comments.
 */
export const KbUseKind = z.enum(['answered', 'not_helpful']);
export type KbUseKind = z.infer<typeof KbUseKind>;
export const KbRecordUseParams = z
  .object({
    articleId: z.string().min(1).max(100),
    kind: KbUseKind,
    callId: z.string().min(1).max(64).nullable().default(null),
    chatId: z.string().min(1).max(64).nullable().default(null),
    comment: z.string().trim().max(1000, 'comment_too_long').default(''),
  })
  .strict();
export const KbUseCounts = z.object({ usageCount: z.number().int(), notHelpfulCount: z.number().int() });
export type KbUseCounts = z.infer<typeof KbUseCounts>;

export const KbFacets = z.object({ units: z.array(z.string()), categories: z.array(z.string()), articles: z.number().int() });
export type KbFacets = z.infer<typeof KbFacets>;

/** The text of a proposed card: a new one (`articleId` null) or a correction of an existing one. */
export const KbProposalText = z
  .object({
    title: z.string().trim().min(1, 'required').max(300, 'too_long'),
    summary: z.string().trim().max(2000, 'too_long').default(''),
    body: z.string().trim().min(1, 'required').max(200_000, 'too_long'),
    keywords: z.array(z.string().trim().min(1).max(100, 'too_long')).max(200).default([]),
    unit: z.string().trim().max(200, 'too_long').default(''),
    category: z.string().trim().max(200, 'too_long').default(''),
  })
  .strict();
export type KbProposalText = z.infer<typeof KbProposalText>;

export const KbProposeParams = z
  .object({
    articleId: z.string().min(1).max(64).nullable(),
    text: KbProposalText,
    /** Why: what was wrong or missing (the editor reads it first). */
    note: z.string().trim().max(2000, 'too_long').default(''),
  })
  .strict();

export const KbReviewParams = z
  .object({
    id: z.string().min(1).max(64),
    decision: z.enum(['publish', 'reject']),
    /** The text as the editor amended it before publishing. */
    text: KbProposalText.optional(),
    note: z.string().trim().max(2000, 'too_long').default(''),
  })
  .strict()
  .refine((review) => review.decision === 'publish' || review.note !== '', { message: 'reason_required', path: ['note'] });

/**
 * A proposal as a desk shows it. `sending`: made here and still in the outbox; `pending`: at the
 * backend, waiting for an editor; `review_sent`: decided here, the decision still in the outbox.
 */
export const KbProposalView = z.object({
  id: z.string(),
  articleId: z.string().nullable(),
  text: KbProposalText,
  note: z.string(),
  status: z.enum(['sending', 'pending', 'review_sent', 'published', 'rejected']),
  proposedBy: z.string(),
  proposedAt: z.string(),
  reviewedBy: z.string().nullable(),
  reviewNote: z.string(),
  /** For a correction: the card as the desk holds it now, to compare. Null when gone or new. */
  current: KbProposalText.nullable(),
  /** The card was edited after the consultant proposed this. */
  articleChanged: z.boolean(),
});
export type KbProposalView = z.infer<typeof KbProposalView>;
