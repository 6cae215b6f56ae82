import type { KbArticle, KbProposal, KbProposalCreatePayload, KbProposalReviewPayload, Mutation, SessionUser } from '../contract';
import type { Queryable } from '../db/adapter';
import { putRecordIn } from '../catalog/routes';
import { isoWithOffset } from '../common/time';
import { publish, publishedRecord } from '../sync/feed';

/** Who may publish or reject a proposal: the knowledge-base editors. */
export const EDITOR_ROLES: ReadonlySet<string> = new Set(['supervisor', 'admin']);

/** Why a proposal mutation cannot succeed; the sync apply turns it into a rejection. */
export class ProposalRefusal extends Error {
  constructor(
    readonly reason: 'already_exists' | 'not_found' | 'forbidden' | 'conflict',
    message: string,
  ) {
    super(message);
  }
}

/**
 * A consultant's proposal: published to every desk as a `kb_proposal` record (pending), so the
 * editors see it at their desks, offline too.
 */
export async function createProposal(tx: Queryable, mutation: Mutation, user: SessionUser, payload: KbProposalCreatePayload, now: number): Promise<void> {
  if (await publishedRecord(tx, 'kb_proposal', mutation.entity_id)) throw new ProposalRefusal('already_exists', 'This proposal was already received');
  if (payload.article_id !== null && !(await publishedRecord(tx, 'kb_article', payload.article_id))) throw new ProposalRefusal('not_found', 'No such article to correct');
  const proposal: KbProposal = {
    id: mutation.entity_id,
    article_id: payload.article_id,
    base_updated_at: payload.base_updated_at,
    fields: payload.fields,
    note: payload.note,
    status: 'pending',
    proposed_by: user.name,
    proposed_at: isoWithOffset(now),
    reviewed_by: null,
    review_note: '',
    published_article_id: null,
  };
  await publish(tx, 'kb_proposal', proposal.id, proposal, now);
}

/**
 * An editor's decision. Publishing writes the article (a correction keeps what the proposal does
 * not touch: expiry, unit id, language) and it reaches every desk through the feed.
 */
export async function reviewProposal(tx: Queryable, mutation: Mutation, user: SessionUser, payload: KbProposalReviewPayload, now: number): Promise<void> {
  if (!user.roles.some((role) => EDITOR_ROLES.has(role))) throw new ProposalRefusal('forbidden', 'Only a supervisor or admin reviews proposals');
  const proposal = await publishedRecord<KbProposal>(tx, 'kb_proposal', mutation.entity_id);
  if (!proposal) throw new ProposalRefusal('not_found', 'No such proposal');
  if (proposal.status !== 'pending') throw new ProposalRefusal('conflict', `The proposal was already ${proposal.status}`);
  let publishedArticleId: string | null = null;
  if (payload.decision === 'publish') {
    publishedArticleId = proposal.article_id ?? proposal.id;
    const current = proposal.article_id ? await publishedRecord<KbArticle>(tx, 'kb_article', proposal.article_id) : null;
    const { updated_at: previousEdit, ...kept } = current ?? ({} as Partial<KbArticle>);
    void previousEdit; // the server stamps the new edit time
    await putRecordIn(tx, 'kb_article', publishedArticleId, { ...kept, ...(payload.fields ?? proposal.fields) });
  }
  const reviewed: KbProposal = {
    ...proposal,
    ...(payload.fields ? { fields: payload.fields } : {}),
    status: payload.decision === 'publish' ? 'published' : 'rejected',
    reviewed_by: user.name,
    review_note: payload.note,
    published_article_id: publishedArticleId,
  };
  await publish(tx, 'kb_proposal', proposal.id, reviewed, now);
}
