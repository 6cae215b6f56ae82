import type { Database, Statement } from 'better-sqlite3';
import type { z } from 'zod';
import { KbProposal, KbProposalCreatePayload, KbProposalReviewPayload } from '../../backend/contract';
import type { KbProposalText, KbProposalView, KbProposeParams, KbReviewParams } from '../../preload/contract';
import type { Outbox } from '../store/outbox';
import { uuidv7 } from '../store/ids';

type Propose = z.output<typeof KbProposeParams>;
type Review = z.output<typeof KbReviewParams>;

/** Why a proposal or review cannot be made here. */
export class ProposalProblem extends Error {
  constructor(
    readonly code: 'not_found' | 'forbidden' | 'conflict',
    message: string,
  ) {
    super(message);
  }
}

export const EDITOR_ROLES: ReadonlySet<string> = new Set(['supervisor', 'admin']);

interface ArticleRow extends KbProposalText {
  updated_at: string;
}

/**
 * Proposals for the knowledge base: made at a desk and queued, published by the backend to every
 * desk, reviewed by an editor. No table of its own: what is still on its way is in the outbox,
 * what the backend has is in the replica.
 */
export class KbProposals {
  private readonly article: Statement;
  private readonly replica: Statement;
  private readonly queued: Statement;

  constructor(
    private readonly db: Database,
    private readonly outbox: Outbox,
  ) {
    this.article = db.prepare('SELECT title, summary, body, keywords, unit, category, updated_at FROM kb_articles WHERE id = ?');
    this.replica = db.prepare(`SELECT data FROM replica_records WHERE entity = 'kb_proposal'`).pluck();
    this.queued = db.prepare(`SELECT entity_id, kind, payload, created_at FROM outbox WHERE entity = 'kb_proposal' ORDER BY seq`);
  }

  propose(params: Propose, author: { id: string | null; name: string }, nowMs: number): KbProposalView {
    return this.db.transaction(() => {
      const base = params.articleId === null ? undefined : this.currentArticle(params.articleId);
      if (params.articleId !== null && !base) throw new ProposalProblem('not_found', `no article ${params.articleId}`);
      const id = uuidv7(nowMs);
      const payload = KbProposalCreatePayload.parse({
        article_id: params.articleId,
        base_updated_at: base?.updated_at ?? null,
        fields: params.text,
        note: params.note,
        proposed_at: nowMs,
      });
      this.outbox.add({ entity: 'kb_proposal', entityId: id, kind: 'create', payload, userId: author.id }, nowMs);
      return this.fromQueued(id, payload, author.name, nowMs);
    })();
  }

  review(params: Review, editor: { id: string | null; roles: readonly string[] }, nowMs: number): KbProposalView {
    if (!editor.roles.some((role) => EDITOR_ROLES.has(role))) throw new ProposalProblem('forbidden', 'only a supervisor or admin reviews proposals');
    return this.db.transaction(() => {
      const proposal = this.list('all').find((item) => item.id === params.id);
      if (!proposal) throw new ProposalProblem('not_found', `no proposal ${params.id}`);
      if (proposal.status !== 'pending') throw new ProposalProblem('conflict', `the proposal is ${proposal.status}`);
      const payload = KbProposalReviewPayload.parse({
        decision: params.decision,
        ...(params.text ? { fields: params.text } : {}),
        note: params.note,
        reviewed_at: nowMs,
      });
      this.outbox.add({ entity: 'kb_proposal', entityId: params.id, kind: 'review', payload, userId: editor.id }, nowMs);
      return { ...proposal, ...(params.text ? { text: params.text } : {}), status: 'review_sent' as const, reviewNote: params.note };
    })();
  }

  /** Newest first. */
  list(status: 'pending' | 'all'): KbProposalView[] {
    const byId = new Map<string, KbProposalView>();
    for (const data of this.replica.all() as string[]) {
      const parsed = KbProposal.safeParse(JSON.parse(data));
      if (parsed.success) byId.set(parsed.data.id, this.fromServer(parsed.data));
    }
    for (const row of this.queued.all() as { entity_id: string; kind: string; payload: string; created_at: number }[]) {
      if (row.kind === 'create' && !byId.has(row.entity_id)) {
        const payload = KbProposalCreatePayload.safeParse(JSON.parse(row.payload));
        if (payload.success) byId.set(row.entity_id, this.fromQueued(row.entity_id, payload.data, '', row.created_at));
      } else if (row.kind === 'review') {
        const known = byId.get(row.entity_id);
        if (known && known.status === 'pending') byId.set(row.entity_id, { ...known, status: 'review_sent' });
      }
    }
    const all = [...byId.values()].sort((a, b) => (a.proposedAt < b.proposedAt ? 1 : a.proposedAt > b.proposedAt ? -1 : 0));
    return status === 'all' ? all : all.filter((item) => item.status === 'pending' || item.status === 'sending');
  }

  private currentArticle(id: string): ArticleRow | undefined {
    const row = this.article.get(id) as (Omit<ArticleRow, 'keywords'> & { keywords: string }) | undefined;
    return row ? { ...row, keywords: JSON.parse(row.keywords) as string[] } : undefined;
  }

  private compare(articleId: string | null, baseUpdatedAt: string | null): Pick<KbProposalView, 'current' | 'articleChanged'> {
    const current = articleId === null ? undefined : this.currentArticle(articleId);
    if (!current) return { current: null, articleChanged: false };
    const { updated_at, ...text } = current;
    return { current: text, articleChanged: baseUpdatedAt !== null && updated_at !== baseUpdatedAt };
  }

  private fromQueued(id: string, payload: KbProposalCreatePayload, by: string, at: number): KbProposalView {
    return {
      id,
      articleId: payload.article_id,
      text: payload.fields,
      note: payload.note,
      status: 'sending',
      proposedBy: by,
      proposedAt: new Date(at).toISOString(),
      reviewedBy: null,
      reviewNote: '',
      ...this.compare(payload.article_id, payload.base_updated_at),
    };
  }

  private fromServer(proposal: KbProposal): KbProposalView {
    return {
      id: proposal.id,
      articleId: proposal.article_id,
      text: proposal.fields,
      note: proposal.note,
      status: proposal.status,
      proposedBy: proposal.proposed_by,
      proposedAt: new Date(proposal.proposed_at).toISOString(),
      reviewedBy: proposal.reviewed_by,
      reviewNote: proposal.review_note,
      ...this.compare(proposal.article_id, proposal.base_updated_at),
    };
  }
}
