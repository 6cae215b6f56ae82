/*
 * Builds the demo street dictionary in the TERYT ULIC format from the Kraków lists in
 * ../shared/data/pl-streets (run once: `npx tsx main/streets/build-krakow-seed.ts`). Names get their
 * diacritics from the lists that have them; SYM_UL codes are the real ones where the gugik2osm
 * mapping knows the street, otherwise made up in the 9xxxx range (the full ULIC register is
 * imported by the city, not shipped). Districts go to a side file (ULIC does not carry them).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { foldStreet } from './fold';

const DATA = new URL('../../../shared/data/pl-streets/', import.meta.url);
const OUT = new URL('../../resources/streets/', import.meta.url);
const KRAKOW_SIMC = '0950463';

const DISTRICTS: Record<string, string> = {
  Debniki: 'Dębniki', Zwierzyniec: 'Zwierzyniec', Swoszowice: 'Swoszowice', Podgorze: 'Podgórze', 'Stare Miasto': 'Stare Miasto',
  'Pradnik Bialy': 'Prądnik Biały', 'Nowa Huta': 'Nowa Huta', 'Prokocim-Biezanow': 'Prokocim-Bieżanów', 'Wola Duchacka': 'Wola Duchacka',
  'Pradnik Czerwony': 'Prądnik Czerwony', Grebalow: 'Grębałów', Grzegorzki: 'Grzegórzki', Lagiewniki: 'Łagiewniki', Lobzow: 'Łobzów',
  Bronowice: 'Bronowice', Czyzyny: 'Czyżyny', Mistrzejowice: 'Mistrzejowice', Bienczyce: 'Bieńczyce',
};
const CECHA: Record<string, string> = {
  ULICA: 'ul.', ALEJA: 'al.', PLAC: 'pl.', OSIEDLE: 'os.', RONDO: 'rondo', MOST: 'most', BULWAR: 'bulw.', PARK: 'park', SKWER: 'skwer',
  KOPIEC: 'inne', ESTAKADA: 'inne', OGROD: 'ogród', PLANTY: 'inne', WEZEL: 'inne', ZJAZD: 'inne', ZRODLO: 'inne', ZAMEK: 'inne',
};

function titleCase(ascii: string): string {
  return ascii.toLowerCase().replace(/(^|[\s-])(\p{L})/gu, (_, sep: string, ch: string) => sep + ch.toUpperCase());
}

const withDiacritics = new Map<string, string>();
for (const line of readFileSync(new URL('krakow_streets_jaksak_autopoly.txt', DATA), 'utf8').split('\n')) {
  const name = line.trim().replace(/^ul\.\s+/, '');
  if (name) withDiacritics.set(foldStreet(name), name);
}
const realCodes = new Map<string, string>();
for (const line of readFileSync(new URL('teryt_street_names_mappings_gugik2osm.csv', DATA), 'utf8').split('\n').slice(1)) {
  // Only the last field may be quoted here (names with quotation marks).
  const [simc, ulic, short, quotedFull] = line.split(/,(?=(?:[^"]*"[^"]*")*[^"]*$)/);
  if (simc !== KRAKOW_SIMC || !ulic || !quotedFull) continue;
  const full = quotedFull.replace(/^"|"$/g, '').replace(/""/g, '"');
  realCodes.set(foldStreet(full), ulic);
  realCodes.set(foldStreet(short ?? ''), ulic);
  withDiacritics.set(foldStreet(full), full.trim());
}

interface Street { cecha: string; name: string; districts: Set<string>; symUl: string }
const streets = new Map<string, Street>();
let synthetic = 90000;
for (const line of readFileSync(new URL('krakow_ulice_miras108_REC.txt', DATA), 'utf8').split('\n')) {
  const match = /^(\S+) (.*) [A-Z]{2} (.+)$/.exec(line.trim());
  if (!match) continue;
  const [, type, asciiName, district] = match as unknown as [string, string, string, string];
  const key = `${type} ${asciiName}`;
  const folded = foldStreet(asciiName);
  let street = streets.get(key);
  if (!street) {
    street = { cecha: CECHA[type] ?? 'inne', name: withDiacritics.get(folded) ?? titleCase(asciiName), districts: new Set(), symUl: realCodes.get(folded) ?? String(synthetic++).padStart(5, '0') };
    streets.set(key, street);
  }
  street.districts.add(DISTRICTS[district] ?? district);
}

const ulic = ['WOJ;POW;GMI;RODZ_GMI;SYM;SYM_UL;CECHA;NAZWA_1;NAZWA_2;STAN_NA'];
const districts = ['SYM;SYM_UL;DZIELNICA'];
for (const street of [...streets.values()].sort((a, b) => a.name.localeCompare(b.name, 'pl'))) {
  const name = /[;"]/.test(street.name) ? `"${street.name.replace(/"/g, '""')}"` : street.name;
  ulic.push(['12', '61', '01', '1', KRAKOW_SIMC, street.symUl, street.cecha, name, '', '2025-01-01'].join(';'));
  for (const district of [...street.districts].sort()) districts.push([KRAKOW_SIMC, street.symUl, district].join(';'));
}
writeFileSync(new URL('krakow-ulic.csv', OUT), ulic.join('\n') + '\n');
writeFileSync(new URL('krakow-dzielnice.csv', OUT), districts.join('\n') + '\n');
console.log(`${streets.size} streets, ${districts.length - 1} street-district pairs`);
