import type { Database } from 'better-sqlite3';
import { importStreets, parseDistricts, parseUlic } from './street-dictionary';

/** `streets import ULIC.csv [--districts FILE]`: replaces the dictionary of the file's localities. */
export function importStreetFiles(db: Database, ulicText: string, districtsText: string | null): string {
  const rows = parseUlic(ulicText);
  const districts = districtsText ? parseDistricts(districtsText) : new Map<string, string[]>();
  const count = importStreets(db, rows, districts);
  const localities = new Set(rows.map((r) => r.simc)).size;
  const withDistrict = rows.filter((r) => districts.has(`${r.simc}-${r.symUl}`)).length;
  return `imported ${count} street(s) in ${localities} locality(ies); ${withDistrict} with a district`;
}
