import type { Database, Statement } from 'better-sqlite3';
import { KbSearchParams } from '../../preload/contract';
import type { KbArticle, KbArticleView, KbFacets, KbHit, KbLink, KbSearchResult } from '../../preload/contract';
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

/** A card's facts as kb_articles stores them (lists as JSON). */
interface StoredFacts {
  documents: string;
  fees: string;
  deadlines: string;
  where_when: string;
  links: string;
}

/**
 * What kb_fts indexes as an article's body: the body, then each fact (documents, fees, deadlines,
 * where and when, the links' titles), so "ile kosztuje" finds a fee whatever part holds it.
 */
export function searchableBody(article: Pick<KbArticle, 'body' | 'documents' | 'fees' | 'deadlines' | 'where_when' | 'links'>): string {
  const parts = [article.body, ...article.documents, article.fees, article.deadlines, article.where_when, ...article.links.map((link) => link.title)];
  return parts.filter((part) => part !== '').join('\n');
}

function storedFacts(row: StoredFacts): Pick<KbArticle, 'documents' | 'fees' | 'deadlines' | 'where_when' | 'links'> {
  return { documents: JSON.parse(row.documents) as string[], fees: row.fees, deadlines: row.deadlines, where_when: row.where_when, links: JSON.parse(row.links) as KbLink[] };
}

interface ArticleRow {
  doc: number;
  id: string;
  title: string;
  summary: string;
  body: string;
  unit: string;
  category: string;
  valid_from: string | null;
  expires_at: string | null;
  score: number;
}

/**
 * The most matches one query has BM25 rank. FTS5 computes it for every match, about 0.5 µs each
 * (a position list decoded, the article's length read), so a query whose rarest word is in more
 * articles than this breaks ties instead (see queryTies). A word that common weighs little: in
 * 8,000 of 50,000 articles its BM25 weight is 1.7, against 6.2 for a word in 100.
 */
const RANK_BUDGET = 8000;
/** Queries up to this many words are retried without one word at a time; longer ones go straight to any word. */
const MAX_WORDS_LEFT_OUT_ONE_BY_ONE = 3;
/** The prefix lengths kb_fts indexes (migration 004) and kb_prefix_docs counts (migration 016). */
const INDEXED_PREFIX_LENGTHS = [3, 4, 5, 6] as const;
const INDEXED_PREFIX = 6;
/** How many tied matches are read to pick the best few from. */
const TIE_CANDIDATES = 200;

/** One query word and what may stand for it in the index. */
interface WordGroup {
  word: string;
  prefixes: string[];
}

/** Changes to the article counts of whole words (kb_terms) and of indexed prefixes (kb_prefix_docs). */
interface CountChanges {
  terms: Map<string, number>;
  prefixes: Map<string, number>;
}

const noCountChanges = (): CountChanges => ({ terms: new Map(), prefixes: new Map() });

/** Counts an article's words and their indexed prefixes once each, up or down; returns its words. */
function countArticle(fields: readonly string[], changes: CountChanges, change: 1 | -1): Set<string> {
  const terms = new Set(fields.flatMap((field) => foldedWords(field)));
  const prefixes = new Set<string>();
  for (const term of terms) {
    for (const length of INDEXED_PREFIX_LENGTHS) if (term.length >= length) prefixes.add(term.slice(0, length));
    if (term.length <= MAX_WORD) changes.terms.set(term, (changes.terms.get(term) ?? 0) + change);
  }
  for (const prefix of prefixes) changes.prefixes.set(prefix, (changes.prefixes.get(prefix) ?? 0) + change);
  return terms;
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

/** An article expired or announced ahead (SQL over kb_articles `a`, with the time as @today). */
const NOT_IN_FORCE = '(a.expires_at IS NOT NULL AND a.expires_at < @today) OR (a.valid_from IS NOT NULL AND a.valid_from > @today)';

/**
 * A common word is cut to the longest prefix the index keeps ready (prefix='3 4 5 6'): a longer
 * prefix is merged from every word it covers before the first row comes out (about 6 ms for
 * "parkowa*" on 50,000 articles), and for a word in thousands of articles the wider match adds
 * little.
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
  /** Search statements by their SQL: a handful of shapes (filters, ties), prepared once each. */
  private readonly prepared = new Map<string, Statement>();

  constructor(private readonly db: Database) {
    this.statements = {
      docOf: db.prepare('SELECT doc FROM kb_articles WHERE id = ?').pluck(),
      upsert: db.prepare(`
        INSERT INTO kb_articles (id, title, summary, body, documents, fees, deadlines, where_when, links, keywords, unit, category, lang, updated_at, valid_from, expires_at, version)
        VALUES (@id, @title, @summary, @body, @documents, @fees, @deadlines, @where_when, @links, @keywords, @unit, @category, @lang, @updated_at, @valid_from, @expires_at, @version)
        ON CONFLICT (id) DO UPDATE SET title = excluded.title, summary = excluded.summary, body = excluded.body,
          documents = excluded.documents, fees = excluded.fees, deadlines = excluded.deadlines, where_when = excluded.where_when, links = excluded.links,
          keywords = excluded.keywords, unit = excluded.unit, category = excluded.category, lang = excluded.lang,
          updated_at = excluded.updated_at, valid_from = excluded.valid_from, expires_at = excluded.expires_at, version = excluded.version
        RETURNING doc`).pluck(),
      deleteFts: db.prepare('DELETE FROM kb_fts WHERE rowid = ?'),
      insertFts: db.prepare('INSERT INTO kb_fts (rowid, title, keywords, summary, body) VALUES (?, ?, ?, ?, ?)'),
      deleteArticle: db.prepare('DELETE FROM kb_articles WHERE doc = ?'),
      countTerm: db.prepare('INSERT INTO kb_terms (term, docs) VALUES (?, ?) ON CONFLICT (term) DO UPDATE SET docs = docs + excluded.docs'),
      countPrefix: db.prepare('INSERT INTO kb_prefix_docs (prefix, docs) VALUES (?, ?) ON CONFLICT (prefix) DO UPDATE SET docs = docs + excluded.docs'),
      prefixDocs: db.prepare('SELECT docs FROM kb_prefix_docs WHERE prefix = ?').pluck(),
      termDocs: db.prepare('SELECT docs FROM kb_terms WHERE term = ?').pluck(),
      factsOf: db.prepare('SELECT documents, fees, deadlines, where_when, links FROM kb_articles WHERE doc = ?'),
      oldText: db.prepare('SELECT title, keywords, summary, body, documents, fees, deadlines, where_when, links FROM kb_articles WHERE doc = ?'),
      insertTrigram: db.prepare('INSERT OR IGNORE INTO kb_term_trigrams (trigram, term) VALUES (?, ?)'),
      hasPrefix: db.prepare('SELECT 1 FROM kb_terms WHERE term >= ? AND term < ? AND docs > 0 LIMIT 1').pluck(),
      synonyms: db.prepare('SELECT synonym FROM kb_synonyms WHERE term = ? ORDER BY synonym LIMIT ?').pluck(),
      insertSynonym: db.prepare('INSERT OR IGNORE INTO kb_synonyms (term, synonym, source) VALUES (?, ?, ?)'),
      count: db.prepare('SELECT count(*) FROM kb_articles').pluck(),
      documents: db.prepare('SELECT coalesce(sum(docs), 0) FROM kb_terms WHERE term >= ? AND term < ?').pluck(),
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
        'SELECT id, title, summary, body, documents, fees, deadlines, where_when, links, keywords, unit, category, lang, updated_at, valid_from, expires_at, usage_count AS usageCount, not_helpful_count AS notHelpfulCount FROM kb_articles WHERE id = ?',
      )
      .get(id) as
      | (Omit<KbArticleView, 'documents' | 'fees' | 'deadlines' | 'whereWhen' | 'links' | 'keywords' | 'updatedAt' | 'validFrom' | 'expiresAt' | 'expired' | 'upcoming'> &
          StoredFacts & { keywords: string; updated_at: string; valid_from: string | null; expires_at: string | null })
      | undefined;
    if (!row) return undefined;
    const { documents, fees, deadlines, where_when, links, keywords, updated_at, valid_from, expires_at, ...rest } = row;
    const facts = storedFacts({ documents, fees, deadlines, where_when, links });
    const today = now.toISOString();
    return {
      ...rest,
      documents: facts.documents,
      fees,
      deadlines,
      whereWhen: where_when,
      links: facts.links,
      keywords: JSON.parse(keywords) as string[],
      updatedAt: updated_at,
      validFrom: valid_from,
      expiresAt: expires_at,
      expired: expires_at !== null && expires_at < today,
      upcoming: valid_from !== null && valid_from > today,
    };
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
        const changes = noCountChanges();
        for (const article of articles) this.upsertOne(article, changes);
        this.applyCounts(changes);
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
      const changes = noCountChanges();
      this.uncount(doc, changes);
      this.statements.deleteFts!.run(doc);
      this.statements.deleteArticle!.run(doc);
      this.applyCounts(changes);
    })();
    return true;
  }

  /** Forgets every article (a replica reset); synonyms stay. */
  clear(): void {
    this.db.transaction(() => {
      this.db.exec(`DELETE FROM kb_articles; INSERT INTO kb_fts (kb_fts) VALUES ('delete-all'); DELETE FROM kb_terms; DELETE FROM kb_prefix_docs; DELETE FROM kb_term_trigrams;`);
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
    // So do single letters ("b" of "B-36").
    const meaningful = queryWords.filter((word) => !STOP_WORDS.has(word) && !/^\d{1,2}$/.test(word) && !/^\p{L}$/u.test(word));
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

    const today = now.toISOString();
    let rows = this.find(live, params, today);
    let fallback: KbSearchResult['understood']['fallback'] = corrections.length > 0 ? 'typo' : 'none';
    if (rows.length < Math.min(3, params.limit) && live.length > 1) {
      const seen = new Set(rows.map((row) => row.doc));
      const byRarity = live.map((group) => ({ group, articles: this.groupArticles(group) })).sort((a, b) => a.articles - b.articles);
      if (live.length <= MAX_WORDS_LEFT_OUT_ONE_BY_ONE) {
        // Few articles hold every word: add those holding all words but one, leaving out the most
        // common word first (that query stays selective, so cheap) until the list is full.
        for (const { group } of [...byRarity].reverse()) {
          if (rows.length >= params.limit) break;
          const partial = this.find(live.filter((other) => other !== group), params, today).filter((row) => !seen.has(row.doc) && seen.add(row.doc));
          rows = [...rows, ...partial];
        }
      }
      if (rows.length < Math.min(3, params.limit) && live.length > 2) {
        // Long colloquial questions: any word at all, the rarest words carrying the rank. The
        // commonest are left out once the budget is spent: they barely move the rank.
        let spent = 0;
        const rarest = byRarity.filter(({ articles }, index) => (spent += articles) <= RANK_BUDGET || index === 0);
        const anyWord = { word: '', prefixes: rarest.flatMap(({ group }) => group.prefixes) };
        rows = [...rows, ...this.query([anyWord], params, today).filter((row) => !seen.has(row.doc) && seen.add(row.doc))];
      }
      rows = rows.slice(0, params.limit);
      fallback = 'any_word';
    }
    const allPrefixes = live.flatMap((group) => group.prefixes);
    return {
      hits: rows.map((row): KbHit => {
        const expired = row.expires_at !== null && row.expires_at < today;
        return {
          id: row.id,
          title: highlight(row.title, allPrefixes),
          snippet: this.snippetOf(row, allPrefixes),
          unit: row.unit,
          category: row.category,
          score: Math.round(row.score * 1000) / 1000,
          expired,
          validFrom: row.valid_from !== null && row.valid_from > today ? row.valid_from : null,
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
  private query(groups: readonly WordGroup[], params: ReturnType<typeof KbSearchParams.parse>, today: string): ArticleRow[] {
    const match = matchExpression(groups.map((group) => (this.isCommon(group) ? toIndexedPrefixes(group) : group)));
    const filtered = params.unit !== undefined || params.category !== undefined;
    const filters = [params.unit !== undefined ? 'AND f.unit = @unit' : '', params.category !== undefined ? 'AND f.category = @category' : ''].join(' ');
    // Twice the limit, so articles not in force (expired or not yet valid: half weight) can fall
    // behind those in force.
    const ranked = filtered
      ? `SELECT kb_fts.rowid AS doc, ${BM25} AS rank FROM kb_fts JOIN kb_articles f ON f.doc = kb_fts.rowid
         WHERE kb_fts MATCH @match ${filters} ORDER BY rank LIMIT @take`
      : `SELECT rowid AS doc, ${BM25} AS rank FROM kb_fts WHERE kb_fts MATCH @match ORDER BY rank LIMIT @take`;
    const sql = `
      WITH ranked AS (${ranked})
      SELECT a.doc, a.id, a.title, a.summary, a.body, a.unit, a.category, a.valid_from, a.expires_at,
             -ranked.rank * (CASE WHEN ${NOT_IN_FORCE} THEN 0.5 ELSE 1.0 END) AS score
      FROM ranked JOIN kb_articles a ON a.doc = ranked.doc
      ORDER BY score DESC LIMIT @limit`;
    return this.statement(sql).all({ match, unit: params.unit, category: params.category, take: params.limit * 2, limit: params.limit, today }) as ArticleRow[];
  }

  /**
   * The summary when it shows a matched word, else the part of the body that does, else the part
   * of the facts. The facts are read only for a hit whose match is nowhere else (not for every
   * candidate a query weighs).
   */
  private snippetOf(row: ArticleRow, prefixes: readonly string[]) {
    if (highlight(row.summary, prefixes).highlights.length > 0) return snippet(row.summary, prefixes);
    const inBody = snippet(row.body === '' ? row.summary : row.body, prefixes);
    if (inBody.highlights.length > 0) return inBody;
    const inFacts = snippet(searchableBody({ body: '', ...storedFacts(this.statements.factsOf!.get(row.doc) as StoredFacts) }), prefixes);
    return inFacts.highlights.length > 0 ? inFacts : inBody;
  }

  /**
   * Articles holding any word the prefix begins (exactly as FTS5 counts them for BM25's weight):
   * whole words and numbers from kb_terms, prefixes from kb_prefix_docs. A prefix longer than the
   * index keeps is answered for its first six letters: an upper bound, and exact for the phrase
   * a common word is searched with (see toIndexedPrefixes).
   */
  private articlesWith(prefix: string): number {
    if (/^\d+$/.test(prefix) || prefix.length <= 2) return (this.statements.termDocs!.get(prefix) as number | undefined) ?? 0;
    return (this.statements.prefixDocs!.get(prefix.slice(0, INDEXED_PREFIX)) as number | undefined) ?? 0;
  }

  private statement(sql: string): Statement {
    let statement = this.prepared.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.prepared.set(sql, statement);
    }
    return statement;
  }

  /** The most articles any of a group's words is found in. */
  private groupArticles(group: WordGroup): number {
    return Math.max(...group.prefixes.map((prefix) => this.articlesWith(prefix)));
  }

  /** A word in more articles than BM25 ranks for one query (see RANK_BUDGET). */
  private isCommon(group: WordGroup): boolean {
    return this.groupArticles(group) > RANK_BUDGET;
  }

  /** Ranked by BM25 when the rarest word keeps the matches within budget; ties broken otherwise. */
  private find(groups: readonly WordGroup[], params: ReturnType<typeof KbSearchParams.parse>, today: string): ArticleRow[] {
    return groups.every((group) => this.isCommon(group)) ? this.queryTies(groups, params, today) : this.query(groups, params, today);
  }

  /**
   * A query made only of common words: BM25 would rank tens of thousands of matches (about 0.5 µs
   * each) by weights near zero. Their ties are broken by what still tells them apart: the words in
   * the title or keywords (the heaviest columns), then the most used and the shortest titles. Read
   * as a stream with a limit, so the cost does not grow with the base.
   */
  private queryTies(groups: readonly WordGroup[], params: ReturnType<typeof KbSearchParams.parse>, today: string): ArticleRow[] {
    const match = matchExpression(groups.map(toIndexedPrefixes));
    const filters = [params.unit !== undefined ? 'AND f.unit = @unit' : '', params.category !== undefined ? 'AND f.category = @category' : ''].join(' ');
    // Filters apply before the limit, or a unit's articles could all lie beyond the first few hundred.
    const found =
      filters === ''
        ? 'SELECT rowid AS doc FROM kb_fts WHERE kb_fts MATCH @match LIMIT @take'
        : `SELECT kb_fts.rowid AS doc FROM kb_fts JOIN kb_articles f ON f.doc = kb_fts.rowid WHERE kb_fts MATCH @match ${filters} LIMIT @take`;
    const sql = `WITH found AS (${found})
      SELECT a.doc, a.id, a.title, a.summary, a.body, a.unit, a.category, a.valid_from, a.expires_at, 0.0 AS score
      FROM found JOIN kb_articles a ON a.doc = found.doc
      ORDER BY (${NOT_IN_FORCE}), a.usage_count DESC, length(a.title), a.doc`;
    const select = (expression: string, take: number) =>
      this.statement(sql).all({ match: expression, unit: params.unit, category: params.category, take, today }) as ArticleRow[];
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

  /** Article counts change by these amounts: one statement per word or prefix, not per article and word. */
  private applyCounts(changes: CountChanges): void {
    for (const [term, change] of changes.terms) if (change !== 0) this.statements.countTerm!.run(term, change);
    for (const [prefix, change] of changes.prefixes) if (change !== 0) this.statements.countPrefix!.run(prefix, change);
  }

  /** The words an article's stored text holds, counted down (before it is replaced or removed). */
  private uncount(doc: number, changes: CountChanges): void {
    const old = this.statements.oldText!.get(doc) as ({ title: string; keywords: string; summary: string; body: string } & StoredFacts) | undefined;
    if (!old) return;
    const body = searchableBody({ body: old.body, ...storedFacts(old) });
    countArticle([old.title, (JSON.parse(old.keywords) as string[]).join(' '), old.summary, body].map(foldText), changes, -1);
  }

  private upsertOne(article: KbArticle, changes: CountChanges): void {
    const previous = this.statements.docOf!.get(article.id) as number | undefined;
    if (previous !== undefined) {
      this.uncount(previous, changes);
      this.statements.deleteFts!.run(previous);
    }
    const doc = this.statements.upsert!.get({
      ...article,
      keywords: JSON.stringify(article.keywords),
      documents: JSON.stringify(article.documents),
      links: JSON.stringify(article.links),
      valid_from: article.valid_from ?? null,
      expires_at: article.expires_at ?? null,
      version: article.version ?? 1,
    }) as number;
    const fields = [article.title, article.keywords.join(' '), article.summary, searchableBody(article)].map(foldText);
    this.statements.insertFts!.run(doc, ...fields);
    this.knownTerms ??= new Set(this.db.prepare('SELECT term FROM kb_terms').pluck().all() as string[]);
    for (const term of countArticle(fields, changes, 1)) {
      if (term.length > MAX_WORD || this.knownTerms.has(term)) continue;
      this.knownTerms.add(term);
      if (term.length < 4 || /^\d+$/.test(term)) continue;
      for (const gram of trigrams(term)) this.statements.insertTrigram!.run(gram, term);
    }
  }
}
