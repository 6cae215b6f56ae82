import type { Database } from 'better-sqlite3';
import type { TransferTarget } from '../../preload/contract';

interface DirectoryRow {
  id: string;
  kind: TransferTarget['kind'];
  name: string;
  role: string | null;
  phone: string | null;
  sipUri: string | null;
}

/**
 * Transfer targets from the directory the backend publishes (replica_records, entity
 * 'directory_entry'): only entries with something to dial, filtered by name, role or number.
 */
export function listTransferTargets(db: Database, query: string, limit: number): TransferTarget[] {
  const needle = `%${query.trim().toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const rows = db
    .prepare(
      `SELECT id,
              json_extract(data, '$.kind')    AS kind,
              json_extract(data, '$.name')    AS name,
              json_extract(data, '$.role')    AS role,
              json_extract(data, '$.phone')   AS phone,
              json_extract(data, '$.sip_uri') AS sipUri
         FROM replica_records
        WHERE entity = 'directory_entry'
          AND (json_extract(data, '$.phone') IS NOT NULL OR json_extract(data, '$.sip_uri') IS NOT NULL)
          AND (lower(json_extract(data, '$.name')) LIKE ?1 ESCAPE '\\'
               OR lower(coalesce(json_extract(data, '$.role'), '')) LIKE ?1 ESCAPE '\\'
               OR coalesce(json_extract(data, '$.phone'), '') LIKE ?1 ESCAPE '\\')
        ORDER BY json_extract(data, '$.name')
        LIMIT ?2`,
    )
    .all(needle, limit) as DirectoryRow[];
  return rows.map((row) => ({ ...row, kind: row.kind ?? 'unit' }));
}
