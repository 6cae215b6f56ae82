import { afterEach, describe, expect, it } from 'vitest';
import { startTestCore } from '../../helpers/core';
import type { TestCore } from '../../helpers/core';
import { readDatabase } from '../../helpers/sqlite';
import { tempDir } from '../../helpers/temp-dir';
import { testBackend } from '../../helpers/test-backend';

const desks: TestCore[] = [];
afterEach(() => {
  for (const desk of desks.splice(0)) desk.core.close();
});

async function signedInDesk(url: string): Promise<TestCore> {
  const desk = startTestCore(tempDir(), { pullIntervalMs: 3_600_000 });
  desks.push(desk);
  expect(await desk.call('settings.update', { backend: { url } })).toMatchObject({ ok: true });
  expect(await desk.call('auth.login', { username: 'konsultant', password: 'konsultant' })).toMatchObject({ ok: true });
  return desk;
}

describe('marking which article answered a contact', () => {
  it('counts at the desk, queues the mark, and the editors see it at the backend with its comment', async () => {
    const city = await testBackend();
    const desk = await signedInDesk(city.url);
    await desk.core.syncOnce(); // the knowledge base arrives
    const found = await desk.call('kb.search', { query: 'zgubilem dowod', limit: 1 });
    if (!found.ok) throw new Error('search failed');
    const articleId = (found.result as { hits: { id: string }[] }).hits[0]!.id;

    expect(await desk.call('kb.recordUse', { articleId, kind: 'answered', callId: '0190d7a4-call' })).toMatchObject({ ok: true, result: { usageCount: 1, notHelpfulCount: 0 } });
    expect(await desk.call('kb.recordUse', { articleId, kind: 'not_helpful', comment: 'Brak informacji o opłacie za ekspres.' })).toMatchObject({
      ok: true,
      result: { usageCount: 1, notHelpfulCount: 1 },
    });
    expect(await desk.call('kb.article', { id: articleId })).toMatchObject({ ok: true, result: { usageCount: 1, notHelpfulCount: 1 } });
    expect(await desk.call('status.get')).toMatchObject({ ok: true, result: { unsentCount: 2 } });

    expect(await desk.core.syncOnce()).toMatchObject({ unsentCount: 0, needsReviewCount: 0 });
    const stored = readDatabase(city.dbFile, (db) => db.prepare('SELECT article_id, kind, call_id, comment FROM kb_usage ORDER BY kind').all());
    expect(stored).toEqual([
      { article_id: articleId, kind: 'answered', call_id: '0190d7a4-call', comment: '' },
      { article_id: articleId, kind: 'not_helpful', call_id: null, comment: 'Brak informacji o opłacie za ekspres.' },
    ]);

    const login = await fetch(`${city.url}/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'kierownik', password: 'kierownik' }) });
    const { token } = (await login.json()) as { token: string };
    const summary = await fetch(`${city.url}/kb/usage`, { headers: { authorization: `Bearer ${token}` } });
    expect(summary.status).toBe(200);
    expect(await summary.json()).toEqual([{ article_id: articleId, answered: 1, not_helpful: 1, comments: [{ comment: 'Brak informacji o opłacie za ekspres.', received_at: expect.any(Number) }] }]);
  });

  it('refuses an article the desk does not hold, and a remark over 1,000 characters, saving nothing', async () => {
    const desk = startTestCore(tempDir());
    desks.push(desk);
    expect(await desk.call('kb.recordUse', { articleId: 'no-such-card', kind: 'answered' })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await desk.call('kb.recordUse', { articleId: 'x', kind: 'not_helpful', comment: 'a'.repeat(1001) })).toMatchObject({
      ok: false,
      error: { code: 'invalid_params', issues: [{ field: 'comment', code: 'comment_too_long' }] },
    });
    expect(await desk.call('status.get')).toMatchObject({ ok: true, result: { unsentCount: 0 } });
  });
});
