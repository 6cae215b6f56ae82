import { describe, expect, it } from 'vitest';
import { PullResponse, PublishedSchemas, type Change } from '../../../backend/contract';
import { DIALECTS } from './helpers/dialects';
import { startBackend, type TestBackend } from './helpers/server';

async function pullPage(backend: TestBackend, token: string, query: string): Promise<PullResponse> {
  const response = await backend.call(`/sync/pull?${query}`, { token });
  expect(response.status).toBe(200);
  return PullResponse.parse(await response.json());
}

/** Pulls every page from `since`, as the desk's pull loop does. */
async function pullAll(backend: TestBackend, token: string, since = '', limit = 4): Promise<{ cursor: string; changes: Change[]; pages: number }> {
  const changes: Change[] = [];
  let cursor = since;
  let pages = 0;
  for (;;) {
    const page = await pullPage(backend, token, `limit=${limit}${cursor ? `&since=${cursor}` : ''}`);
    pages += 1;
    expect(page.changes.length).toBeLessThanOrEqual(limit);
    changes.push(...page.changes);
    cursor = page.cursor;
    if (!page.has_more) return { cursor, changes, pages };
  }
}

describe.each(DIALECTS)('pull on %s', (dialect) => {
  it('replays the demo catalogue in bounded pages, each record matching its schema', async () => {
    const backend = await startBackend(dialect);
    const token = await backend.login('konsultant');
    const { changes, pages } = await pullAll(backend, token);
    expect(pages).toBeGreaterThan(3);
    const entities = new Set(changes.map((c) => c.entity));
    expect(entities).toEqual(new Set(['city_unit', 'service', 'directory_entry', 'kb_article']));
    expect(changes.filter((c) => c.entity === 'kb_article').length).toBeGreaterThanOrEqual(60);
    for (const change of changes) expect(() => PublishedSchemas[change.entity].parse(change.data)).not.toThrow();
    expect(changes.find((c) => c.id === 'ZDIZ-DRZEWO')?.data).toMatchObject({ service_name: 'Powalone drzewo', unit_id: 'zdiz' });
  });

  it('moves the cursor only forward and sends each later change once, with tombstones', async () => {
    const backend = await startBackend(dialect);
    const token = await backend.login('konsultant');
    const admin = await backend.login('admin');
    const first = await pullAll(backend, token);
    // Nothing new: the same cursor back, no changes.
    const idle = await pullPage(backend, token, `since=${first.cursor}`);
    expect(idle).toEqual({ cursor: first.cursor, changes: [], has_more: false, reset: false });

    const article = { title: 'Jak zarejestrować samochód sprowadzony z UE', body: '<p>Wniosek, dowód własności, …</p>', unit_id: 'wk', keywords: ['rejestracja'] };
    expect((await backend.call('/catalog/kb_article/kb-1', { method: 'PUT', token: admin, json: article })).status).toBe(200);
    expect((await backend.call('/catalog/kb_article/kb-1', { method: 'PUT', token: admin, json: { ...article, title: 'Rejestracja pojazdu z UE' } })).status).toBe(200);
    expect((await backend.call('/catalog/service/SM-POJAZD', { method: 'DELETE', token: admin })).status).toBe(204);
    expect((await backend.call('/catalog/service/SM-POJAZD', { method: 'DELETE', token: admin })).status).toBe(404);

    const next = await pullAll(backend, token, first.cursor);
    // Two edits of the article arrive as its latest version, once; the deleted service as a tombstone.
    expect(next.changes).toEqual([
      { entity: 'kb_article', id: 'kb-1', op: 'upsert', data: expect.objectContaining({ id: 'kb-1', title: 'Rejestracja pojazdu z UE' }) },
      { entity: 'service', id: 'SM-POJAZD', op: 'delete' },
    ]);
    expect(next.cursor).not.toBe(first.cursor);
    // An old cursor still works (a desk restored from backup), and a fresh start sees the tombstone too.
    const again = await pullAll(backend, token, first.cursor);
    expect(again.changes).toEqual(next.changes);
    const fromStart = await pullAll(backend, token, '', 1000);
    expect(fromStart.changes.filter((c) => c.id === 'SM-POJAZD')).toEqual([{ entity: 'service', id: 'SM-POJAZD', op: 'delete' }]);
    // The deleted service is gone from Open311 too.
    const services = (await (await backend.call('/open311/v2/services.json')).json()) as { service_code: string }[];
    expect(services.map((s) => s.service_code)).not.toContain('SM-POJAZD');
  });

  it('caps the page size and refuses a cursor it did not make', async () => {
    const backend = await startBackend(dialect);
    const token = await backend.login('konsultant');
    expect((await backend.call('/sync/pull?limit=5000', { token })).status).toBe(400);
    const bad = await backend.call('/sync/pull?since=not-a-cursor', { token });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { field_errors: { path: string }[] } }).error.field_errors[0]!.path).toBe('query.since');
  });

  it('tells a desk whose cursor comes from another database to start over', async () => {
    const one = await startBackend(dialect);
    const other = await startBackend(dialect);
    const tokenOne = await one.login('konsultant');
    const tokenOther = await other.login('konsultant');
    const { cursor } = await pullAll(one, tokenOne);
    const page = await pullPage(other, tokenOther, `since=${cursor}&limit=1000`);
    expect(page.reset).toBe(true);
    expect(page.changes.length).toBeGreaterThan(10);
  });
});
