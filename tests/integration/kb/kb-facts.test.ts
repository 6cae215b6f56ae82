import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseArticleLines } from '../../../main/kb/import-articles';
import { KbIndex } from '../../../main/kb/kb-index';
import { openStore } from '../../../main/store/database';
import { KbArticleInput, KbArticleView, KbSearchResult } from '../../../preload/contract';
import { backendToken, testBackend } from '../../helpers/test-backend';
import { signedInTestCore } from '../../helpers/test-desk';
import { tempDir } from '../../helpers/temp-dir';

// A card's facts (documents, fees, deadlines, where and when, forms and links): kept as fields,
// searchable like its body, validated at the import and at the backend.

const CARD = {
  id: 'kb-karta-seniora',
  title: 'Miejska Karta Seniora',
  summary: 'Zniżki dla mieszkańców po 60. roku życia.',
  body: '**Kto może złożyć**\nMieszkaniec miasta, który skończył 60 lat.',
  documents: ['wniosek o wydanie karty', 'legitymacja emeryta lub dowód osobisty'],
  fees: 'Wydanie karty jest bezpłatne; duplikat 15 zł.',
  deadlines: 'Karta jest gotowa w ciągu 14 dni.',
  where_when: 'Centrum Aktywności Seniora, ul. Długa 7, pon.–pt. 9:00–15:00.',
  links: [{ title: 'Regulamin programu seniora', url: 'https://przykladowe.example/senior/regulamin' }],
  keywords: ['karta seniora'],
  unit: 'Wydział Polityki Społecznej',
  category: 'Seniorzy',
  updated_at: '2026-10-01T09:00:00+02:00',
};

function openIndex(): KbIndex {
  const opened = openStore(join(tempDir(), 'desk.sqlite'));
  if (!opened.ok) throw new Error('store did not open');
  return new KbIndex(opened.db);
}

const ids = (result: KbSearchResult) => result.hits.map((hit) => hit.id);

describe("a card's facts", () => {
  it('are kept as fields and found by search, with the matched words in the snippet', () => {
    const kb = openIndex();
    kb.upsert([KbArticleInput.parse(CARD)]);
    expect(kb.article(CARD.id, new Date('2026-11-21T12:00:00Z'))).toMatchObject({
      documents: CARD.documents,
      fees: CARD.fees,
      deadlines: CARD.deadlines,
      whereWhen: CARD.where_when,
      links: CARD.links,
    });
    for (const [query, word] of [['legitymacja emeryta', 'legitymacja'], ['duplikat', 'duplikat'], ['regulamin seniora', 'Regulamin'], ['ulica dluga', 'Długa']] as const) {
      const found = kb.search({ query });
      expect(ids(found), query).toEqual([CARD.id]);
      const snippet = found.hits[0]!.snippet;
      expect(snippet.highlights.map(([start, end]) => snippet.text.slice(start, end)), query).toContain(word);
    }
  });

  it('replaced by a new version: the old wording is no longer found, the new one is', () => {
    const kb = openIndex();
    kb.upsert([KbArticleInput.parse(CARD)]);
    kb.upsert([KbArticleInput.parse({ ...CARD, fees: 'Opłata za wyrobienie wynosi 5 zł.', documents: [], links: [] })]);
    expect(ids(kb.search({ query: 'duplikat' }))).toEqual([]);
    expect(ids(kb.search({ query: 'legitymacja' }))).toEqual([]);
    expect(ids(kb.search({ query: 'wyrobienie' }))).toEqual([CARD.id]);
    expect(kb.article(CARD.id, new Date())).toMatchObject({ documents: [], links: [], fees: 'Opłata za wyrobienie wynosi 5 zł.' });
  });

  it('a link that is not a web address is refused with its line and field; the other lines are imported', () => {
    const lines = [
      JSON.stringify(CARD),
      JSON.stringify({ ...CARD, id: 'kb-zly-link', links: [{ title: 'Kliknij', url: 'javascript:alert(1)' }] }),
      JSON.stringify({ ...CARD, id: 'kb-bez-tytulu', links: [{ title: '', url: 'https://przykladowe.example/' }] }),
      JSON.stringify({ ...CARD, id: 'kb-za-duzo', documents: Array.from({ length: 51 }, (_, i) => `dokument ${i}`) }),
    ].join('\n');
    const { articles, errors } = parseArticleLines(lines);
    expect(articles.map((article) => article.id)).toEqual([CARD.id]);
    expect(errors).toEqual([
      { line: 2, issues: [{ field: 'links.0.url', code: 'url_invalid' }] },
      { line: 3, issues: [{ field: 'links.0.title', code: 'required' }] },
      { line: 4, issues: [{ field: 'documents', code: 'too_many' }] },
    ]);
  });

  it('travel from the backend to the desk; the backend refuses a link that is not a web address', async () => {
    const city = await testBackend();
    const token = await backendToken(city.url, 'admin');
    const { id, ...stamped } = CARD;
    const card: Partial<typeof stamped> = { ...stamped };
    delete card.updated_at; // the server stamps it
    const put = (body: object) =>
      fetch(`${city.url}/catalog/kb_article/${id}`, { method: 'PUT', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify(body) });
    expect((await put({ ...card, links: [{ title: 'Kliknij', url: 'javascript:alert(1)' }] })).status).toBe(400);
    expect((await put(card)).status).toBe(200);

    const desk = await signedInTestCore(city.url);
    await desk.core.syncOnce();
    const opened = await desk.call('kb.article', { id });
    expect(opened.ok && KbArticleView.parse(opened.result)).toMatchObject({ documents: CARD.documents, fees: CARD.fees, whereWhen: CARD.where_when, links: CARD.links });
    const found = await desk.call('kb.search', { query: 'legitymacja emeryta' });
    expect(found.ok && ids(KbSearchResult.parse(found.result))[0]).toBe(id); // the demo base has other cards naming a legitymacja
  });
});
