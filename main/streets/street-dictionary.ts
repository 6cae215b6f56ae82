import type { Database } from 'better-sqlite3';
import type { StreetHit } from '../../preload/contract';
import { streetKey } from './fold';

/*
 * The street dictionary: imported from the TERYT ULIC register (CSV as published by GUS, columns
 * WOJ;POW;GMI;RODZ_GMI;SYM;SYM_UL;CECHA;NAZWA_1;NAZWA_2;STAN_NA), with an optional side file of
 * districts (SYM;SYM_UL;DZIELNICA), since ULIC itself does not say which district a street is in.
 */

export interface UlicRow {
  simc: string;
  symUl: string;
  name: string;
}

/** Splits one line of a `;`-separated file, with "…" quoting and "" inside quotes. */
export function splitCsvLine(line: string, separator = ';'): string[] {
  const out: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === separator) {
      out.push(field);
      field = '';
    } else field += ch;
  }
  out.push(field);
  return out;
}

function headerIndex(header: string[], names: string[], file: string): number[] {
  const upper = header.map((h) => h.trim().replace(/^\uFEFF/, '').toUpperCase());
  return names.map((name) => {
    const index = upper.indexOf(name);
    if (index < 0) throw new Error(`${file}: column ${name} is missing (TERYT ULIC needs ${names.join(';')})`);
    return index;
  });
}

/** Display name as residents read it: "ul. Adama Asnyka" from CECHA "ul.", NAZWA_2 "Adama", NAZWA_1 "Asnyka". */
function displayName(cecha: string, nazwa1: string, nazwa2: string): string {
  const prefix = cecha.trim() === '' || cecha.trim() === 'inne' ? '' : `${cecha.trim()} `;
  return `${prefix}${nazwa2.trim() ? `${nazwa2.trim()} ` : ''}${nazwa1.trim()}`;
}

export function parseUlic(text: string, file = 'ULIC'): UlicRow[] {
  const lines = text.split(/\r?\n/).filter((line) => line.trim() !== '');
  if (lines.length === 0) return [];
  const [sym, symUl, cecha, nazwa1, nazwa2] = headerIndex(splitCsvLine(lines[0]!), ['SYM', 'SYM_UL', 'CECHA', 'NAZWA_1', 'NAZWA_2'], file) as [number, number, number, number, number];
  return lines.slice(1).map((line, i) => {
    const f = splitCsvLine(line);
    const row = { simc: (f[sym] ?? '').trim(), symUl: (f[symUl] ?? '').trim(), name: displayName(f[cecha] ?? '', f[nazwa1] ?? '', f[nazwa2] ?? '') };
    if (!/^\d{7}$/.test(row.simc) || !/^\d{5}$/.test(row.symUl) || row.name === '') throw new Error(`${file}: line ${i + 2} is not a ULIC row (SYM 7 digits, SYM_UL 5 digits, a name)`);
    return row;
  });
}

export function parseDistricts(text: string, file = 'districts'): Map<string, string[]> {
  const lines = text.split(/\r?\n/).filter((line) => line.trim() !== '');
  const out = new Map<string, string[]>();
  if (lines.length === 0) return out;
  const [sym, symUl, district] = headerIndex(splitCsvLine(lines[0]!), ['SYM', 'SYM_UL', 'DZIELNICA'], file) as [number, number, number];
  for (const line of lines.slice(1)) {
    const f = splitCsvLine(line);
    const id = `${(f[sym] ?? '').trim()}-${(f[symUl] ?? '').trim()}`;
    const name = (f[district] ?? '').trim();
    if (name) out.set(id, [...(out.get(id) ?? []), name]);
  }
  return out;
}

/** Replaces the dictionary of the localities in `rows` in one transaction; returns how many streets. */
export function importStreets(db: Database, rows: readonly UlicRow[], districts: Map<string, string[]> = new Map()): number {
  const clear = db.prepare('DELETE FROM streets WHERE simc = ?');
  const insert = db.prepare(
    `INSERT INTO streets (id, simc, sym_ul, name, fold, districts) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET name = excluded.name, fold = excluded.fold, districts = excluded.districts`,
  );
  db.transaction(() => {
    for (const simc of new Set(rows.map((r) => r.simc))) clear.run(simc);
    for (const row of rows) {
      const id = `${row.simc}-${row.symUl}`;
      insert.run(id, row.simc, row.symUl, row.name, streetKey(row.name), JSON.stringify(districts.get(id) ?? []));
    }
  })();
  return rows.length;
}

/** Autocomplete: streets whose name (without "ul.") starts with the typed text, then those with a word that does. */
export class StreetDictionary {
  private readonly byPrefix;
  private readonly byWord;
  private readonly byId;

  constructor(db: Database) {
    this.byPrefix = db.prepare(`SELECT id, name, districts FROM streets WHERE fold >= ? AND fold < ? ORDER BY fold LIMIT ?`);
    this.byWord = db.prepare(`SELECT id, name, districts FROM streets WHERE fold LIKE ? ESCAPE '\\' ORDER BY fold LIMIT ?`);
    this.byId = db.prepare('SELECT id, name, districts FROM streets WHERE id = ?');
  }

  search(query: string, limit: number): StreetHit[] {
    const key = streetKey(query);
    if (key === '') return [];
    const rows = this.byPrefix.all(key, `${key}\uffff`, limit) as { id: string; name: string; districts: string }[];
    if (rows.length < limit) {
      const seen = new Set(rows.map((r) => r.id));
      const like = `% ${key.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      for (const row of this.byWord.all(like, limit) as typeof rows) if (!seen.has(row.id) && rows.length < limit) rows.push(row);
    }
    return rows.map((r) => ({ id: r.id, name: r.name, districts: JSON.parse(r.districts) as string[] }));
  }

  get(id: string): StreetHit | null {
    const row = this.byId.get(id) as { id: string; name: string; districts: string } | undefined;
    return row ? { id: row.id, name: row.name, districts: JSON.parse(row.districts) as string[] } : null;
  }
}
