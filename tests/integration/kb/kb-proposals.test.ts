import { describe, expect, it } from 'vitest';
import { KbProposalView } from '../../../preload/contract';
import type { TestCore } from '../../helpers/core';
import { testBackend } from '../../helpers/test-backend';
import { openTestCore, signedInTestCore } from '../../helpers/test-desk';

async function signedInDesk(url: string, user: string): Promise<TestCore> {
  const desk = await signedInTestCore(url, user);
  await desk.core.syncOnce();
  return desk;
}

async function result<T>(reply: Promise<{ ok: boolean; result?: unknown; error?: unknown }>): Promise<T> {
  const answer = await reply;
  if (!answer.ok) throw new Error(JSON.stringify(answer.error));
  return answer.result as T;
}

describe('the knowledge base grows from calls', () => {
  it('a consultant proposes a correction, an editor amends and publishes it, and every desk gets the new card', async () => {
    const city = await testBackend();
    const consultant = await signedInDesk(city.url, 'konsultant');
    const editor = await signedInDesk(city.url, 'kierownik');
    const hits = await result<{ hits: { id: string }[] }>(consultant.call('kb.search', { query: 'zgubilem dowod', limit: 1 }));
    const articleId = hits.hits[0]!.id;
    const card = await result<{ title: string; body: string }>(consultant.call('kb.article', { id: articleId }));

    const proposed = KbProposalView.parse(
      await result(
        consultant.call('kb.propose', {
          articleId,
          text: { title: card.title, body: `${card.body}\n\nOd 2026 r. zastrzeżenie także w aplikacji mObywatel.`, summary: '', keywords: [], unit: '', category: '' },
          note: 'Brak informacji o mObywatelu.',
        }),
      ),
    );
    expect(proposed).toMatchObject({ status: 'sending', articleId, articleChanged: false });
    expect(await result(consultant.call('kb.proposals', { status: 'pending' }))).toHaveLength(1);
    expect(await consultant.call('kb.reviewProposal', { id: proposed.id, decision: 'publish' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });

    await consultant.core.syncOnce();
    await editor.core.syncOnce();
    const pending = await result<KbProposalView[]>(editor.call('kb.proposals', { status: 'pending' }));
    expect(pending).toMatchObject([{ id: proposed.id, status: 'pending', proposedBy: expect.any(String), note: 'Brak informacji o mObywatelu.', current: { title: card.title } }]);

    expect(await editor.call('kb.reviewProposal', { id: proposed.id, decision: 'reject' })).toMatchObject({ ok: false, error: { code: 'invalid_params', issues: [{ field: 'note', code: 'reason_required' }] } });
    const amended = { ...pending[0]!.text, summary: 'Zastrzeż dowód w urzędzie, na policji lub w mObywatelu.' };
    expect(await result(editor.call('kb.reviewProposal', { id: proposed.id, decision: 'publish', text: amended }))).toMatchObject({ status: 'review_sent' });
    await editor.core.syncOnce();

    await consultant.core.syncOnce();
    const updated = await result<{ summary: string; body: string }>(consultant.call('kb.article', { id: articleId }));
    expect(updated.summary).toBe('Zastrzeż dowód w urzędzie, na policji lub w mObywatelu.');
    expect(updated.body).toContain('mObywatel');
    expect(await result(consultant.call('kb.proposals', { status: 'all' }))).toMatchObject([{ id: proposed.id, status: 'published', reviewedBy: expect.any(String) }]);
    expect(await result(consultant.call('kb.proposals', { status: 'pending' }))).toEqual([]);
  });

  it('a new card proposed offline waits in the outbox; an empty title is refused with its field', async () => {
    const desk = openTestCore();
    expect(await desk.call('kb.propose', { articleId: null, text: { title: ' ', body: 'Treść' }, note: '' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_params', issues: [{ field: 'text.title', code: 'required' }] },
    });
    expect(await desk.call('kb.propose', { articleId: 'no-such-card', text: { title: 'Tytuł', body: 'Treść' } })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    const made = await result<KbProposalView>(desk.call('kb.propose', { articleId: null, text: { title: 'Psy na plaży miejskiej', body: 'Zakaz od 1 maja do 30 września.' } }));
    expect(made).toMatchObject({ status: 'sending', articleId: null, current: null });
    expect(await desk.call('status.get')).toMatchObject({ ok: true, result: { unsentCount: 1 } });
  });
});
