import type { Database } from 'better-sqlite3';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Logger } from '../core/log';
import { importStreets, parseDistricts, parseUlic } from './street-dictionary';

/** The demo dictionary (Kraków) in resources/streets, wherever the build put this module. */
function seedDir(): string | null {
  const here = import.meta.dirname ?? '.';
  const candidates = [join(here, '..', '..', 'resources', 'streets'), join(here, '..', '..', '..', 'resources', 'streets'), resolve('resources', 'streets')];
  return candidates.find((dir) => existsSync(join(dir, 'krakow-ulic.csv'))) ?? null;
}

/** A desk without any streets gets the demo dictionary, so the form's autocomplete works out of the box. */
export function seedStreetsIfEmpty(db: Database, log: Logger): void {
  if ((db.prepare('SELECT count(*) AS n FROM streets').get() as { n: number }).n > 0) return;
  const dir = seedDir();
  if (!dir) {
    log.warn('no street dictionary: import one with `streets import`');
    return;
  }
  const count = importStreets(db, parseUlic(readFileSync(join(dir, 'krakow-ulic.csv'), 'utf8')), parseDistricts(readFileSync(join(dir, 'krakow-dzielnice.csv'), 'utf8')));
  log.info('street dictionary seeded', { count });
}
