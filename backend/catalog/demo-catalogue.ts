import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { CityUnit, Service } from '../contract';

/** The demo catalogue file (resources/catalogue): more units and services, and routing rules for the built-in ones. */
const FILE = new URL('../../resources/catalogue/demo-catalogue.json', import.meta.url);

const Routing = z.record(z.string(), z.object({ response_hours: z.number().int().positive().optional(), district_units: z.record(z.string(), z.string()).optional() }));
const CatalogueFile = z.object({ units: z.array(CityUnit), services: z.array(Service), routing: Routing.default({}) });

/** The built-in services with their routing rules applied, followed by the file's services; and the file's units. */
export function demoCatalogue(builtIn: readonly Service[]): { units: CityUnit[]; services: Service[] } {
  const file = CatalogueFile.parse(JSON.parse(readFileSync(FILE, 'utf8')));
  const routed = builtIn.map((service) => ({ ...service, ...file.routing[service.service_code] }));
  return { units: file.units, services: [...routed, ...file.services] };
}
