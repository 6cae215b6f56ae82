// The operator command line: `npm run cli -- --data-dir DIR <command> ...`. It opens the same
// database as the desk (WAL lets it run beside a running desk) and uses the same core code.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { defaultDataDir } from '../core/app-info';
import { DATABASE_FILE } from '../core/core';
import { parseArticleLines } from '../kb/import-articles';
import { KbIndex } from '../kb/kb-index';
import { mythesPairs } from '../kb/thesaurus';
import { openStore } from '../store/database';
import { checkDatabase, formatOutbox, outboxReport } from './store-reports';

const USAGE = `Usage: npm run cli -- [--data-dir DIR] <command>
  login --backend URL --user U --password P    set the backend address and sign in
  outbox [--json]                 unsent and parked items, and the oldest one
  sync --once [--json]            one sync round with the configured backend (signed-in session needed)
  db check [--json]               integrity and foreign-key check, schema version
  simulate --desks N --minutes M --backend URL [--user U --password P]
                                  N desks (data folders under DIR/simulated) driving the core's use-cases
  kb import FILE.jsonl            import articles (one JSON object a line); invalid lines are reported
  kb thesaurus import FILE.dat    import synonyms from a MyThes thesaurus
  kb search QUERY [--json] [--unit U] [--category C] [--limit N]
  kb search --batch FILE [--json] one query a line, one JSON line a query
  streets import ULIC.csv [--districts FILE]  street dictionary in the TERYT ULIC format (districts: SYM;SYM_UL;DZIELNICA)
  classify train --csv FILE --text-column C --label-column L --model OUT [--train-share 0.8]
  classify eval --model OUT --csv FILE [--json]   top-1 and top-3 accuracy beside a majority baseline and naive Bayes`;

function fail(message: string, code = 2): never {
  process.stderr.write(`${message}\n`);
  process.exit(code);
}

const { values, positionals } = (() => {
  try {
    return parseArgs({
      allowPositionals: true,
      options: {
        'data-dir': { type: 'string' },
        json: { type: 'boolean', default: false },
        batch: { type: 'string' },
        unit: { type: 'string' },
        category: { type: 'string' },
        limit: { type: 'string' },
        once: { type: 'boolean', default: false },
        desks: { type: 'string' },
        minutes: { type: 'string' },
        backend: { type: 'string' },
        user: { type: 'string' },
        password: { type: 'string' },
        help: { type: 'boolean', default: false },
        csv: { type: 'string' },
        'text-column': { type: 'string' },
        'label-column': { type: 'string' },
        model: { type: 'string' },
        'train-share': { type: 'string' },
        districts: { type: 'string' },
      },
    });
  } catch (error) {
    return fail(`${(error as Error).message}\n${USAGE}`);
  }
})();
if (values.help || positionals.length === 0) {
  process.stdout.write(`${USAGE}\n`);
  process.exit(values.help ? 0 : 2);
}

const dataDir = resolve(values['data-dir'] ?? defaultDataDir());
const [area, command, ...rest] = positionals;

// Commands that run the whole core (sync, simulation) before the plain store is opened.
if (area === 'sync' || area === 'simulate' || area === 'login') {
  const { runCoreCommand } = await import('./core-commands');
  try {
    process.exit(await runCoreCommand(area, dataDir, { ...values, json: values.json ?? false }));
  } catch (error) {
    fail(`${area}: ${(error as Error).message}`, 1);
  }
}

// The classifier works on files only: no store needed.
if (area === 'classify') {
  const { runClassifyCommand } = await import('../classifier/cli');
  try {
    process.exit(runClassifyCommand(command, values, (line) => process.stdout.write(`${line}\n`)));
  } catch (error) {
    fail(`classify: ${(error as Error).message}\n${USAGE}`);
  }
}

const opened = openStore(join(dataDir, DATABASE_FILE));
if (!opened.ok) fail(`cannot open ${opened.status.path}: ${opened.status.reason} (${opened.status.detail})`, 1);
const kb = new KbIndex(opened.db);

function readInput(path: string | undefined, what: string): string {
  if (!path) fail(`${what}: a file is required\n${USAGE}`);
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    return fail(`${what}: cannot read ${path}: ${(error as Error).message}`, 1);
  }
}

function search(query: string) {
  const limit = values.limit === undefined ? 10 : Number(values.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > 50) fail('--limit must be a whole number from 1 to 50');
  return kb.search({ query, limit, ...(values.unit ? { unit: values.unit } : {}), ...(values.category ? { category: values.category } : {}) });
}

if (area === 'outbox') {
  const report = outboxReport(opened.db, Date.now());
  process.stdout.write(values.json ? `${JSON.stringify(report)}\n` : `${formatOutbox(report)}\n`);
} else if (area === 'db' && command === 'check') {
  const report = checkDatabase(opened.db);
  process.stdout.write(values.json ? `${JSON.stringify(report)}\n` : `${report.ok ? 'ok' : 'PROBLEMS'}: schema ${report.schemaVersion}, integrity ${report.integrity.join('; ')}, foreign keys ${report.foreignKeyProblems} problem(s)\n`);
  opened.db.close();
  process.exit(report.ok ? 0 : 1);
} else if (area === 'kb' && command === 'import') {
  const { articles, errors } = parseArticleLines(readInput(rest[0], 'kb import'));
  kb.upsert(articles);
  for (const error of errors) {
    process.stderr.write(`line ${error.line}: ${error.issues.map((issue) => (issue.field ? `${issue.field}: ${issue.code}` : issue.code)).join('; ')}\n`);
  }
  process.stdout.write(`imported ${articles.length} article(s), ${errors.length} invalid line(s); the knowledge base holds ${kb.count()}\n`);
  opened.db.close();
  process.exit(errors.length > 0 && articles.length === 0 ? 1 : 0);
} else if (area === 'kb' && command === 'thesaurus' && rest[0] === 'import') {
  const added = kb.addSynonyms(mythesPairs(readInput(rest[1], 'kb thesaurus import')), 'thesaurus');
  process.stdout.write(`added ${added} synonym pair(s)\n`);
} else if (area === 'kb' && command === 'search') {
  if (values.batch !== undefined) {
    for (const query of readInput(values.batch, 'kb search --batch').split(/\r?\n/)) {
      if (query.trim() === '') continue;
      const result = search(query);
      process.stdout.write(`${JSON.stringify({ query, results: result.hits.map((hit) => ({ id: hit.id, score: hit.score })) })}\n`);
    }
  } else {
    const query = rest.join(' ');
    const result = search(query);
    if (values.json) {
      process.stdout.write(`${JSON.stringify({ query, results: result.hits.map((hit) => ({ id: hit.id, score: hit.score })), understood: result.understood })}\n`);
    } else {
      for (const hit of result.hits) process.stdout.write(`${hit.score.toFixed(2).padStart(7)}  ${hit.id}  ${hit.title.text}${hit.expired ? '  [wygasł]' : ''}\n`);
      if (result.hits.length === 0) process.stdout.write('no results\n');
    }
  }
} else if (area === 'streets' && command === 'import') {
  const { importStreetFiles } = await import('../streets/cli');
  try {
    process.stdout.write(`${importStreetFiles(opened.db, readInput(rest[0], 'streets import'), values.districts ? readInput(values.districts, 'streets import --districts') : null)}\n`);
  } catch (error) {
    fail(`streets import: ${(error as Error).message}`, 1);
  }
} else {
  fail(`unknown command: ${positionals.join(' ')}\n${USAGE}`);
}
opened.db.close();
