import { describe, expect, it } from 'vitest';
import { KbArticleView, KbSearchResult } from '../../../preload/contract';
import { backendToken, testBackend } from '../../helpers/test-backend';
import { signedInTestCore } from '../../helpers/test-desk';


const putArticle = (url: string, token: string, id: string, article: object) =>
  fetch(`${url}/catalog/kb_article/${id}`, { method: 'PUT', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify(article) });

describe('a card announced ahead', () => {
  it('is published with its date, refused with a date that is not one, and marked at the desk until then', async () => {
    const city = await testBackend();
    const token = await backendToken(city.url, 'admin');
    const ahead = new Date(Date.now() + 40 * 86_400_000).toISOString().slice(0, 10);
    const card = { title: 'Nowe stawki opłaty za psa', body: '**Opłaty**\nNowa stawka roczna.', unit: 'Wydział Finansowy', category: 'Opłaty', keywords: ['opłata za psa'] };
    expect((await putArticle(city.url, token, 'kb-psy-nowe', { ...card, valid_from: 'od stycznia' })).status).toBe(400);
    expect((await putArticle(city.url, token, 'kb-psy-nowe', { ...card, valid_from: ahead })).status).toBe(200);

    const desk = await signedInTestCore(city.url);
    await desk.core.syncOnce();

    const found = await desk.call('kb.search', { query: 'nowe stawki oplaty za psa' });
    const hit = found.ok ? KbSearchResult.parse(found.result).hits.find((h) => h.id === 'kb-psy-nowe') : undefined;
    expect(hit).toMatchObject({ validFrom: ahead, expired: false });
    const opened = await desk.call('kb.article', { id: 'kb-psy-nowe' });
    expect(opened.ok && KbArticleView.parse(opened.result)).toMatchObject({ validFrom: ahead, upcoming: true });
  });
});
