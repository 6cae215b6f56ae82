import type { Database } from 'better-sqlite3';
import type { z } from 'zod';
import { DEFAULT_SETTINGS, SETTINGS_SECTIONS, Settings, toFieldIssues } from '../../preload/contract';
import type { FieldIssue, SettingsPatch, SettingsSection } from '../../preload/contract';

export type SettingsUpdateResult = { ok: true; settings: Settings } | { ok: false; issues: FieldIssue[] };

export interface SettingsLog {
  warn(message: string, details?: Record<string, unknown>): void;
}

/** Settings stored one section a row; every read and write goes through the contract's schema. */
export class SettingsRepository {
  private readonly selectAll;
  private readonly upsert;

  constructor(
    private readonly db: Database,
    private readonly log: SettingsLog,
  ) {
    this.selectAll = db.prepare('SELECT section, value FROM settings');
    this.upsert = db.prepare(
      `INSERT INTO settings (section, value, updated_at) VALUES (?, ?, ?)
       ON CONFLICT (section) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
    );
  }

  read(): Settings {
    const settings: Settings = structuredClone(DEFAULT_SETTINGS);
    for (const row of this.selectAll.all() as { section: string; value: string }[]) {
      if (!(SETTINGS_SECTIONS as readonly string[]).includes(row.section)) continue;
      const section = row.section as SettingsSection;
      const parsed = Settings.shape[section].safeParse(JSON.parse(row.value));
      // A stored section that no longer validates (hand-edited, older rules) falls back to its
      // defaults for this run; the row itself stays until the user saves, so nothing is lost.
      if (parsed.success) (settings as Record<SettingsSection, unknown>)[section] = parsed.data;
      else this.log.warn('stored settings section is invalid; using defaults', { section, issues: toFieldIssues(parsed.error, section) });
    }
    return settings;
  }

  /** Validates the whole result, then writes the changed sections in one transaction. */
  update(patch: SettingsPatch, nowMs: number): SettingsUpdateResult {
    const merged = { ...this.read(), ...patch };
    const parsed = Settings.safeParse(merged);
    if (!parsed.success) return { ok: false, issues: toFieldIssues(parsed.error as z.ZodError) };
    this.db.transaction(() => {
      for (const section of SETTINGS_SECTIONS) {
        if (patch[section] !== undefined) this.upsert.run(section, JSON.stringify(parsed.data[section]), nowMs);
      }
    })();
    return { ok: true, settings: parsed.data };
  }
}
