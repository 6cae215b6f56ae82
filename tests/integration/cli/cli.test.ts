import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../helpers/temp-dir';

/** The operator CLI as an operator runs it. */
function cli(dataDir: string, ...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const run = spawnSync(process.execPath, ['--import', 'tsx', join('main', 'cli', 'index.ts'), '--data-dir', dataDir, ...args], { encoding: 'utf8' });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

const card = (id: string, title: string) =>
  JSON.stringify({ id, title, summary: '', body: 'Treść', keywords: [], unit: 'Wydział', category: 'Inne', updated_at: '2026-10-01T09:00:00+02:00', lang: 'pl' });

describe('operator command line', () => {
  it('imports the valid articles, names each invalid line, and searches them', () => {
    const dataDir = tempDir();
    const file = join(dataDir, 'articles.jsonl');
    writeFileSync(file, [card('kb-a', 'Wymiana dowodu osobistego'), '{ not json', JSON.stringify({ id: 'kb-b' }), '', card('kb-c', 'Podatek od nieruchomości'), card('kb-a', 'Again')].join('\n'));
    const imported = cli(dataDir, 'kb', 'import', file);
    expect(imported.status).toBe(0);
    expect(imported.stdout).toContain('imported 2 article(s), 3 invalid line(s)');
    expect(imported.stderr).toMatch(/^line 2: json_invalid/m);
    expect(imported.stderr).toMatch(/^line 3: .*title: /m);
    expect(imported.stderr).toMatch(/^line 6: id: duplicate_of_line_1$/m);
    const found = JSON.parse(cli(dataDir, 'kb', 'search', 'podatek', 'nieruchomosci', '--json').stdout) as { results: { id: string; score: number }[] };
    expect(found.results[0]).toMatchObject({ id: 'kb-c', score: expect.any(Number) });
    const queries = join(dataDir, 'queries.txt');
    writeFileSync(queries, 'dowod\n\n"NEAR(\npodatek\n');
    const batch = cli(dataDir, 'kb', 'search', '--batch', queries, '--json').stdout.trim().split('\n').map((line) => JSON.parse(line) as { query: string; results: { id: string }[] });
    expect(batch.map((line) => [line.query, line.results[0]?.id])).toEqual([
      ['dowod', 'kb-a'],
      ['"NEAR(', undefined],
      ['podatek', 'kb-c'],
    ]);
  });

  it('reports the outbox and checks the database', () => {
    const dataDir = tempDir();
    expect(JSON.parse(cli(dataDir, 'outbox', '--json').stdout)).toEqual({ pending: 0, needsReview: 0, oldest: null });
    const check = cli(dataDir, 'db', 'check', '--json');
    expect(check.status).toBe(0);
    expect(JSON.parse(check.stdout)).toMatchObject({ ok: true, integrity: ['ok'], foreignKeyProblems: 0 });
    expect(cli(dataDir, 'sync').status).toBe(2);
    expect(cli(dataDir, 'frobnicate').stderr).toContain('unknown command');
  });
});
