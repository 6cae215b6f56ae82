import { BridgeFailure } from '../core/bridge-failure';
import type { FeatureFactory } from '../core/feature-context';
import { KbProposals, ProposalProblem } from './kb-proposals';
import { KbUsage } from './kb-usage';

type KbMethod = 'kb.search' | 'kb.article' | 'kb.facets' | 'kb.recordUse' | 'kb.propose' | 'kb.proposals' | 'kb.reviewProposal';

/** Runs a proposal step, answering its problems as typed errors. */
function proposalStep<T>(step: () => T): T {
  try {
    return step();
  } catch (error) {
    if (error instanceof ProposalProblem) throw new BridgeFailure({ code: error.code, message: error.message });
    throw error;
  }
}

/** The knowledge base: search and read, "this answered" marks, proposals and their review. */
export const kbHandlers: FeatureFactory<KbMethod> = (context) => ({
  'kb.search': (params) => context().kb.search(params),
  'kb.article': ({ id }) => {
    const article = context().kb.article(id, new Date());
    if (!article) throw new BridgeFailure({ code: 'not_found', message: `no article ${id}` });
    return article;
  },
  'kb.facets': () => context().kb.facets(),
  'kb.recordUse': (use) => {
    const desk = context();
    const counts = new KbUsage(desk.db, desk.outbox).record(use, desk.userId(), desk.now());
    if (!counts) throw new BridgeFailure({ code: 'not_found', message: `no article ${use.articleId}` });
    desk.sync.kick();
    desk.emitStatus();
    return counts;
  },
  'kb.propose': (params) => {
    const desk = context();
    const user = desk.sync.authStatus().user;
    const proposal = proposalStep(() => new KbProposals(desk.db, desk.outbox).propose(params, { id: desk.userId(), name: user?.name ?? '' }, desk.now()));
    desk.sync.kick();
    desk.emitStatus();
    return proposal;
  },
  'kb.proposals': ({ status }) => new KbProposals(context().db, context().outbox).list(status),
  'kb.reviewProposal': (params) => {
    const desk = context();
    const editor = { id: desk.userId(), roles: desk.sync.authStatus().user?.roles ?? [] };
    const reviewed = proposalStep(() => new KbProposals(desk.db, desk.outbox).review(params, editor, desk.now()));
    desk.sync.kick();
    desk.emitStatus();
    return reviewed;
  },
});
