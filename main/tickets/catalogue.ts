import type { Database } from 'better-sqlite3';
import { CityUnit, Service } from '../../backend/contract';
import type { Catalogue, ServiceView, UnitView } from '../../preload/contract';

/**
 * The service catalogue as the desk last pulled it (replica_records: services and city units).
 * Parsed once per pull and kept: the form opens from memory.
 */
export class CatalogueCache {
  private readonly version;
  private readonly records;
  private cached: { key: string; catalogue: Catalogue; services: Map<string, ServiceView>; units: Map<string, UnitView>; districtUnits: Map<string, Record<string, string>> } | null = null;

  constructor(db: Database) {
    // Cheap fingerprint of the replica's services and units: changes whenever a pull touched them.
    this.version = db.prepare(`SELECT count(*) AS n, coalesce(max(pulled_at), 0) AS at FROM replica_records WHERE entity IN ('service', 'city_unit')`);
    this.records = db.prepare(`SELECT entity, data FROM replica_records WHERE entity IN ('service', 'city_unit')`);
  }

  private load() {
    const { n, at } = this.version.get() as { n: number; at: number };
    const key = `${n}:${at}`;
    if (this.cached?.key === key) return this.cached;
    const services: ServiceView[] = [];
    const units: UnitView[] = [];
    const districtUnits = new Map<string, Record<string, string>>();
    for (const row of this.records.all() as { entity: string; data: string }[]) {
      if (row.entity === 'city_unit') {
        const unit = CityUnit.safeParse(JSON.parse(row.data));
        if (unit.success) units.push({ id: unit.data.id, shortName: unit.data.short_name, name: unit.data.name });
        continue;
      }
      const parsed = Service.safeParse(JSON.parse(row.data));
      if (!parsed.success) continue;
      const s = parsed.data;
      if (s.district_units) districtUnits.set(s.service_code, s.district_units);
      services.push({
        code: s.service_code,
        name: s.service_name,
        group: s.group,
        description: s.description,
        keywords: s.keywords,
        unitId: s.unit_id,
        responseHours: s.response_hours ?? null,
        attributes: s.attributes
          .filter((a) => a.variable)
          .sort((a, b) => a.order - b.order)
          .map((a) => ({ code: a.code, datatype: a.datatype, required: a.required, description: a.description, hint: a.datatype_description, order: a.order, values: a.values ?? [] })),
      });
    }
    services.sort((a, b) => a.group.localeCompare(b.group, 'pl') || a.name.localeCompare(b.name, 'pl'));
    units.sort((a, b) => a.name.localeCompare(b.name, 'pl'));
    this.cached = {
      key,
      catalogue: { services, units },
      services: new Map(services.map((s) => [s.code, s])),
      units: new Map(units.map((u) => [u.id, u])),
      districtUnits,
    };
    return this.cached;
  }

  catalogue(): Catalogue {
    return this.load().catalogue;
  }

  service(code: string): ServiceView | null {
    return code === '' ? null : (this.load().services.get(code) ?? null);
  }

  unit(id: string | null): UnitView | null {
    return id === null ? null : (this.load().units.get(id) ?? null);
  }

  /** Routing rule: the service's unit, or another for the district when the catalogue says so. */
  unitFor(serviceCode: string, district: string): string | null {
    const service = this.service(serviceCode);
    if (!service) return null;
    return this.load().districtUnits.get(serviceCode)?.[district] ?? service.unitId;
  }
}
