import type { Database, Statement } from 'better-sqlite3';
import { KbSearchParams } from '../../preload/contract';
import type { KbArticle, KbArticleView, KbFacets, KbHit, KbSearchResult } from '../../preload/contract';
import { editDistance, trigrams } from './edit-distance';
import { STOP_WORDS, foldText, foldedWords, searchPrefix, words } from './polish-text';
import { highlight, snippet } from './snippet';

// Column weights for BM25: a word in the title says most, then the keywords (synonyms and the
// residents' own words), then the summary, then the body.
const BM25 = 'bm25(kb_fts, 10.0, 6.0, 3.0, 1.0)';
const MAX_TERMS = 10;
const MAX_WORD = 40;
const SYNONYMS_PER_WORD = 4;
/** A word found in fewer articles than this gets its synonyms added to the search. */
const RARE_WORD_DOCUMENTS = 25;

interface ArticleRow {
  doc: number;
  id: string;
  title: string;
  summary: string;
  body: string;
  unit: string;
  category: string;
  expires_at: string | null;
  score: number;
}

/** In a base at least this large, words found in most articles are treated as ties (see queryTies). */
const TIE_MODE_MIN_ARTICLES = 2000;
/** The longest prefix kb_fts indexes (see migration 004). */
const INDEXED_PREFIX = 6;
/** How many tied matches are read to pick the best few from. */
const TIE_CANDIDATES = 200;

/** One query word and what may stand for it in the index. */
interface WordGroup {
  word: string;
  prefixes: string[];
}

/**
 * Every group's words, OR-ed within a group and AND-ed across groups. Words are folded to letters
 * and digits, so quoting them leaves no FTS syntax to inject. Numbers match whole ("112" must not
 * find "1120"); words match by prefix.
 */
function matchExpression(groups: readonly WordGroup[]): string {
  const term = (prefix: string): string => (/^\d+$/.test(prefix) || prefix.length <= 2 ? `"${prefix}"` : `"${prefix}"*`);
  return groups.map((group) => `(${group.prefixes.map(term).join(' OR ')})`).join(' AND ');
}

/**
 * A word without weight is cut to the longest prefix the index keeps ready (prefix='3 4 5 6'): a
 * longer prefix is merged from every word it covers before the first row comes out (about 6 ms for
 * "parkowa*" on 50,000 articles), and for a word in most articles the wider match costs nothing.
 */
function toIndexedPrefixes(group: WordGroup): WordGroup {
  return { ...group, prefixes: [...new Set(group.prefixes.map((prefix) => (/^\d+$/.test(prefix) ? prefix : prefix.slice(0, INDEXED_PREFIX))))] };
}

/** The knowledge base's index: upserts keep articles, folded text and vocabulary in step. */
export class KbIndex {
  private readonly statements: Record<string, Statement>;
  /**
   * Words already in kb_terms, so an import does not ask SQLite about every word of every article
   * (millions of statements on a first pull); loaded on first use, dropped if a write fails.
   */
  private knownTerms: Set<string> | undefined;
  private articleCount: number | undefined;

  constructor(private readonly db: Database) {
    this.statements = {
      docOf: db.prepare('SELECT doc FROM kb_articles WHERE id = ?').pluck(),
      upsert: db.prepare(`
        INSERT INTO kb_articles (id, title, summary, body, keywords, unit, category, lang, updated_at, expires_at, version)
        VALUES (@id, @title, @summary, @body, @keywords, @unit, @category, @lang, @updated_at, @expires_at, @version)
        ON CONFLICT (id) DO UPDATE SET title = excluded.title, summary = excluded.summary, body = excluded.body,
          keywords = excluded.keywords, unit = excluded.unit, category = excluded.category, lang = excluded.lang,
          updated_at = excluded.updated_at, expires_at = excluded.expires_at, version = excluded.version
        RETURNING doc`).pluck(),
      deleteFts: db.prepare('DELETE FROM kb_fts WHERE rowid = ?'),
      insertFts: db.prepare('INSERT INTO kb_fts (rowid, title, keywords, summary, body) VALUES (?, ?, ?, ?, ?)'),
      deleteArticle: db.prepare('DELETE FROM kb_articles WHERE doc = ?'),
      countTerm: db.prepare('INSERT INTO kb_terms (term, docs) VALUES (?, ?) ON CONFLICT (term) DO UPDATE SET docs = docs + excluded.docs'),
      oldText: db.prepare('SELECT title, keywords, summary, body FROM kb_articles WHERE doc = ?'),
      insertTrigram: db.prepare('INSERT OR IGNORE INTO kb_term_trigrams (trigram, term) VALUES (?, ?)'),
      hasPrefix: db.prepare('SELECT 1 FROM kb_terms WHERE term >= ? AND term < ? AND docs > 0 LIMIT 1').pluck(),
      synonyms: db.prepare('SELECT synonym FROM kb_synonyms WHERE term = ? ORDER BY synonym LIMIT ?').pluck(),
      insertSynonym: db.prepare('INSERT OR IGNORE INTO kb_synonyms (term, synonym, source) VALUES (?, ?, ?)'),
      count: db.prepare('SELECT count(*) FROM kb_articles').pluck(),
      documents: db.prepare('SELECT coalesce(sum(docs), 0) FROM kb_terms WHERE term >= ? AND term < ?').pluck(),
      mostDocuments: db.prepare('SELECT coalesce(max(docs), 0) FROM kb_terms WHERE term >= ? AND term < ?').pluck(),
    };
  }

  /** Articles held; asked several times per search, so kept until the next write. */
  count(): number {
    this.articleCount ??= this.statements.count!.get() as number;
    return this.articleCount;
  }

  article(id: string, now: Date): KbArticleView | undefined {
    const row = this.db
      .prepare(
        'SELECT id, title, summary, body, keywords, unit, category, lang, updated_at, expires_at, usage_count AS usageCount, not_helpful_count AS notHelpfulCount FROM kb_articles WHERE id = ?',
      )
      .get(id) as (Omit<KbArticleView, 'keywords' | 'updatedAt' | 'expiresAt' | 'expired'> & { keywords: string; updated_at: string; expires_at: string | null }) | undefined;
    if (!row) return undefined;
    const { keywords, updated_at, expires_at, ...rest } = row;
    return { ...rest, keywords: JSON.parse(keywords) as string[], updatedAt: updated_at, expiresAt: expires_at, expired: expires_at !== null && expires_at < now.toISOString() };
  }

  facets(): KbFacets {
    const column = (name: 'unit' | 'category') => this.db.prepare(`SELECT DISTINCT ${name} FROM kb_articles WHERE ${name} <> '' ORDER BY ${name}`).pluck().all() as string[];
    return { units: column('unit'), categories: column('category'), articles: this.count() };
  }

  /** Adds or replaces articles, each with its index rows, in one transaction. */
  upsert(articles: readonly KbArticle[]): void {
    this.articleCount = undefined;
    try {
      this.db.transaction(() => {
        const counts = new Map<string, number>();
        for (const article of articles) this.upsertOne(article, counts);
        this.applyCounts(counts);
      })();
    } catch (error) {
      this.knownTerms = undefined; // rolled back: the set may name words the table lost
      throw error;
    }
  }

  remove(id: string): boolean {
    const doc = this.statements.docOf!.get(id) as number | undefined;
    if (doc === undefined) return false;
    this.articleCount = undefined;
    this.db.transaction(() => {
      const counts = new Map<string, number>();
      this.uncount(doc, counts);
      this.statements.deleteFts!.run(doc);
      this.statements.deleteArticle!.run(doc);
      this.applyCounts(counts);
    })();
    return true;
  }

  /** Forgets every article (a replica reset); synonyms stay. */
  clear(): void {
    this.db.transaction(() => {
      this.db.exec(`DELETE FROM kb_articles; INSERT INTO kb_fts (kb_fts) VALUES ('delete-all'); DELETE FROM kb_terms; DELETE FROM kb_term_trigrams;`);
    })();
    this.knownTerms = undefined;
    this.articleCount = undefined;
  }

  /** Adds synonym pairs (both directions), folded; words only, no phrases. */
  addSynonyms(pairs: Iterable<readonly [string, string]>, source: string): number {
    let added = 0;
    this.db.transaction(() => {
      for (const [a, b] of pairs) {
        const [left, right] = [foldText(a).trim(), foldText(b).trim()];
        if (!/^[\p{L}\p{N}]+$/u.test(left) || !/^[\p{L}\p{N}]+$/u.test(right) || left === right) continue;
        added += this.statements.insertSynonym!.run(left, right, source).changes;
        added += this.statements.insertSynonym!.run(right, left, source).changes;
      }
    })();
    return added;
  }

  search(input: KbSearchParams, now: Date = new Date()): KbSearchResult {
    const params = KbSearchParams.parse(input);
    const queryWords = words(params.query).filter((word) => word.length <= MAX_WORD);
    // "o 2 w nocy": stop words and one- or two-digit numbers say nothing; 112 or 800 do.
    const meaningful = queryWords.filter((word) => !STOP_WORDS.has(word) && !/^\d{1,2}$/.test(word));
    const chosen = [...new Set(meaningful.length > 0 ? meaningful : queryWords)].slice(0, MAX_TERMS);
    const empty: KbSearchResult = { hits: [], understood: { terms: [], corrections: [], fallback: 'none' } };
    if (chosen.length === 0) return empty;

    const corrections: [string, string][] = [];
    const groups: WordGroup[] = chosen.map((word) => {
      const own = searchPrefix(word);
      const prefixes = new Set([own]);
      // Synonyms help a word the base barely uses ("becikowe", "gabaryty"); for a common word they
      // only widen the search (slower, and noisier).
      if (this.documents({ word, prefixes: [own] }) < RARE_WORD_DOCUMENTS) {
        const known = (this.statements.synonyms!.all(word, 200) as string[]).map(searchPrefix).filter((prefix) => this.hasPrefix(prefix));
        for (const prefix of known.slice(0, SYNONYMS_PER_WORD)) prefixes.add(prefix);
      }
      if (![...prefixes].some((prefix) => this.hasPrefix(prefix))) {
        const fixed = this.correct(word);
        if (fixed) {
          corrections.push([word, fixed]);
          prefixes.add(searchPrefix(fixed));
        }
      }
      return { word, prefixes: [...prefixes] };
    });
    const live = groups.filter((group) => group.prefixes.some((prefix) => this.hasPrefix(prefix)));
    if (live.length === 0) return { ...empty, understood: { terms: chosen, corrections, fallback: 'none' } };

    let rows = this.allCarryNoWeight(live) ? this.queryTies(live, params) : this.query(live, params);
    let fallback: KbSearchResult['understood']['fallback'] = corrections.length > 0 ? 'typo' : 'none';
    if (rows.length < Math.min(3, params.limit) && live.length > 1) {
      // Few articles hold every word: add those holding all words but one, leaving out the most
      // common word first (that query stays selective, so cheap) until the list is full. A plain
      // OR over common words would rank half the base.
      const seen = new Set(rows.map((row) => row.doc));
      const byCommonness = live.map((group, index) => ({ index, documents: this.documents(group) })).sort((a, b) => b.documents - a.documents);
      for (const { index } of byCommonness) {
        if (rows.length >= params.limit) break;
        const partial = this.query(live.filter((_, i) => i !== index), params).filter((row) => !seen.has(row.doc) && seen.add(row.doc));
        rows = [...rows, ...partial];
      }
      if (rows.length < Math.min(3, params.limit) && live.length > 2) {
        // Long colloquial questions: any word at all, the rarest words carrying the rank.
        const anyWord = { word: '', prefixes: live.flatMap((group) => group.prefixes) };
        rows = [...rows, ...this.query([anyWord], params).filter((row) => !seen.has(row.doc) && seen.add(row.doc))];
      }
      rows = rows.slice(0, params.limit);
      fallback = 'any_word';
    }
    const allPrefixes = live.flatMap((group) => group.prefixes);
    const today = now.toISOString();
    return {
      hits: rows.map((row): KbHit => {
        const expired = row.expires_at !== null && row.expires_at < today;
        return {
          id: row.id,
          title: highlight(row.title, allPrefixes),
          snippet: snippet(highlight(row.summary, allPrefixes).highlights.length > 0 || row.body === '' ? row.summary : row.body, allPrefixes),
          unit: row.unit,
          category: row.category,
          score: Math.round(row.score * 1000) / 1000,
          expired,
        };
      }),
      understood: { terms: chosen, corrections, fallback },
    };
  }

  /**
   * The best `limit` articles holding every group. Ranked inside the full-text index first and
   * joined to the articles only for the few it returns: joining every match (with its body)
   * before sorting costs tens of milliseconds on a large base.
   */
  private query(groups: readonly WordGroup[], params: ReturnType<typeof KbSearchParams.parse>): ArticleRow[] {
    const total = this.count();
    const match = matchExpression(groups.map((group) => (this.carriesNoWeight(group, total) ? toIndexedPrefixes(group) : group)));
    const filtered = params.unit !== undefined || params.category !== undefined;
    const filters = [params.unit !== undefined ? 'AND f.unit = @unit' : '', params.category !== undefined ? 'AND f.category = @category' : ''].join(' ');
    // Twice the limit, so expired articles (half weight) can fall behind current ones.
    const ranked = filtered
      ? `SELECT kb_fts.rowid AS doc, ${BM25} AS rank FROM kb_fts JOIN kb_articles f ON f.doc = kb_fts.rowid
         WHERE kb_fts MATCH @match ${filters} ORDER BY rank LIMIT @take`
      : `SELECT rowid AS doc, ${BM25} AS rank FROM kb_fts WHERE kb_fts MATCH @match ORDER BY rank LIMIT @take`;
    const sql = `
      WITH ranked AS (${ranked})
      SELECT a.doc, a.id, a.title, a.summary, a.body, a.unit, a.category, a.expires_at,
             -ranked.rank * (CASE WHEN a.expires_at IS NOT NULL AND a.expires_at < @today THEN 0.5 ELSE 1.0 END) AS score
      FROM ranked JOIN kb_articles a ON a.doc = ranked.doc
      ORDER BY score DESC LIMIT @limit`;
    return this.db.prepare(sql).all({ match, unit: params.unit, category: params.category, take: params.limit * 2, limit: params.limit, today: new Date().toISOString() }) as ArticleRow[];
  }

  /**
   * True when every word is in more than half of a large base. BM25 gives such a word no weight
   * (FTS5 floors its IDF at 1e-6), so all its matches tie: ranking tens of thousands of ties costs
   * tens of milliseconds and orders them by noise. Measured by the single most common indexed
   * form of each word (a lower bound), so a word is never wrongly taken for one without weight.
   */
  private allCarryNoWeight(groups: readonly WordGroup[]): boolean {
    const total = this.count();
    return groups.every((group) => this.carriesNoWeight(group, total));
  }

  private carriesNoWeight(group: WordGroup, total: number): boolean {
    if (total < TIE_MODE_MIN_ARTICLES) return false;
    return group.prefixes.some((prefix) => (this.statements.mostDocuments!.get(prefix, `${prefix}\u{10ffff}`) as number) * 2 > total);
  }

  /**
   * Ties broken by what still tells them apart: the words in the title or keywords (the heaviest
   * columns), then the most used and the shortest titles. Read as a stream with a limit, so the cost
   * no longer grows with the base.
   */
  private queryTies(groups: readonly WordGroup[], params: ReturnType<typeof KbSearchParams.parse>): ArticleRow[] {
    const match = matchExpression(groups.map(toIndexedPrefixes));
    const filters = [params.unit !== undefined ? 'AND a.unit = @unit' : '', params.category !== undefined ? 'AND a.category = @category' : ''].join(' ');
    const select = (expression: string, take: number) =>
      this.db
        .prepare(
          `WITH found AS (SELECT rowid AS doc FROM kb_fts WHERE kb_fts MATCH @match LIMIT @take)
           SELECT a.doc, a.id, a.title, a.summary, a.body, a.unit, a.category, a.expires_at, 0.0 AS score
           FROM found JOIN kb_articles a ON a.doc = found.doc WHERE 1 = 1 ${filters}
           ORDER BY (a.expires_at IS NOT NULL AND a.expires_at < @today), a.usage_count DESC, length(a.title), a.doc`,
        )
        .all({ match: expression, unit: params.unit, category: params.category, take, today: new Date().toISOString() }) as ArticleRow[];
    const rows = select(`{title keywords}: (${match})`, TIE_CANDIDATES).slice(0, params.limit);
    if (rows.length < params.limit) {
      const seen = new Set(rows.map((row) => row.doc));
      rows.push(...select(match, TIE_CANDIDATES).filter((row) => !seen.has(row.doc)).slice(0, params.limit - rows.length));
    }
    return rows;
  }

  /** About how many articles a group's words find (an upper bound: counts per indexed word, summed). */
  private documents(group: WordGroup): number {
    return Math.max(...group.prefixes.map((prefix) => this.statements.documents!.get(prefix, `${prefix}\u{10ffff}`) as number));
  }

  private hasPrefix(prefix: string): boolean {
    return this.statements.hasPrefix!.get(prefix, `${prefix}\u{10ffff}`) !== undefined;
  }

  /** The closest indexed word within one or two edits, found through shared trigrams. */
  private correct(word: string): string | undefined {
    if (word.length < 4) return undefined;
    const grams = trigrams(word);
    const candidates = this.db
      .prepare(
        `SELECT term, count(*) AS shared FROM kb_term_trigrams WHERE trigram IN (${grams.map(() => '?').join(',')})
         GROUP BY term ORDER BY shared DESC LIMIT 40`,
      )
      .all(...grams) as { term: string; shared: number }[];
    const allowed = word.length <= 6 ? 1 : 2;
    let best: { term: string; distance: number; shared: number } | undefined;
    for (const { term, shared } of candidates) {
      const distance = editDistance(word, term, allowed);
      if (distance > allowed) continue;
      if (!best || distance < best.distance || (distance === best.distance && shared > best.shared)) best = { term, distance, shared };
    }
    return best?.term;
  }

  /** Article counts per word change by these amounts: one statement per word, not per article and word. */
  private applyCounts(counts: ReadonlyMap<string, number>): void {
    for (const [term, change] of counts) if (change !== 0) this.statements.countTerm!.run(term, change);
  }

  /** The words an article's stored text holds, counted down (before it is replaced or removed). */
  private uncount(doc: number, counts: Map<string, number>): void {
    const old = this.statements.oldText!.get(doc) as { title: string; keywords: string; summary: string; body: string } | undefined;
    if (!old) return;
    const fields = [old.title, (JSON.parse(old.keywords) as string[]).join(' '), old.summary, old.body].map(foldText);
    for (const term of new Set(fields.flatMap((field) => foldedWords(field)))) {
      if (term.length <= MAX_WORD) counts.set(term, (counts.get(term) ?? 0) - 1);
    }
  }

  private upsertOne(article: KbArticle, counts: Map<string, number>): void {
    const previous = this.statements.docOf!.get(article.id) as number | undefined;
    if (previous !== undefined) {
      this.uncount(previous, counts);
      this.statements.deleteFts!.run(previous);
    }
    const doc = this.statements.upsert!.get({
      ...article,
      keywords: JSON.stringify(article.keywords),
      expires_at: article.expires_at ?? null,
      version: article.version ?? 1,
    }) as number;
    const fields = [article.title, article.keywords.join(' '), article.summary, article.body].map(foldText);
    this.statements.insertFts!.run(doc, ...fields);
    this.knownTerms ??= new Set(this.db.prepare('SELECT term FROM kb_terms').pluck().all() as string[]);
    for (const term of new Set(fields.flatMap((field) => foldedWords(field)))) {
      if (term.length > MAX_WORD) continue;
      counts.set(term, (counts.get(term) ?? 0) + 1);
      if (this.knownTerms.has(term)) continue;
      this.knownTerms.add(term);
      if (term.length < 4 || /^\d+$/.test(term)) continue;
      for (const gram of trigrams(term)) this.statements.insertTrigram!.run(gram, term);
    }
  }
}
