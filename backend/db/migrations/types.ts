import type { Dialect } from '../adapter';

/** The few words that differ between the dialects; migrations are otherwise portable SQL. */
export interface SqlWords {
  /** 64-bit integer column. */
  bigint: string;
  real: string;
  /** Table option: STRICT on SQLite (type-checked columns), nothing on PostgreSQL. */
  strict: string;
  /** An expression giving 32 random hex characters. */
  randomHex: string;
}

export function sqlWords(dialect: Dialect): SqlWords {
  return dialect === 'sqlite'
    ? { bigint: 'INTEGER', real: 'REAL', strict: ' STRICT', randomHex: 'lower(hex(randomblob(16)))' }
    : { bigint: 'BIGINT', real: 'DOUBLE PRECISION', strict: '', randomHex: "md5(random()::text || clock_timestamp()::text)" };
}

export interface Migration {
  version: number;
  name: string;
  sql(words: SqlWords): string;
}
