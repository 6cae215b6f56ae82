import { readFileSync } from 'node:fs';
import type { Db } from '../db/adapter';
import { KbArticle } from '../contract';
import type { CityUnit, DirectoryEntry, Role, Service } from '../contract';
import { createUser, countUsers } from '../auth/users';
import { hashPassword } from '../auth/passwords';
import { putRecordIn } from '../catalog/routes';
import { demoCatalogue } from '../catalog/demo-catalogue';
import { DEMO_OFFICES } from '../visits/demo-offices';
import { putOffice } from '../visits/visit-store';

/** Demo sign-ins (README): user name = password. Only created on an empty database with --demo. */
export const DEMO_USERS: { username: string; password: string; name: string; roles: Role[] }[] = [
  { username: 'konsultant', password: 'konsultant', name: 'Anna Konsultantka', roles: ['consultant'] },
  { username: 'kierownik', password: 'kierownik', name: 'Piotr Kierownik', roles: ['supervisor', 'consultant'] },
  { username: 'dyspozytor', password: 'dyspozytor', name: 'Ewa Dyspozytorka', roles: ['dispatcher'] },
  { username: 'konsultant2', password: 'konsultant2', name: 'Marek Konsultant', roles: ['consultant'] },
  { username: 'admin', password: 'admin', name: 'Administrator', roles: ['admin'] },
];

export const DEMO_OPEN311_API_KEY = 'demo-open311-key';

const UNITS: CityUnit[] = [
  { id: 'zdiz', short_name: 'ZDiZ', name: 'Zarząd Dróg i Zieleni', kind: 'board', phone: '+48 58 000 10 00', email: 'zdiz@example.city', address: 'ul. Partyzantów 36', hours: 'pn–pt 7:30–15:30' },
  { id: 'sm', short_name: 'Straż Miejska', name: 'Straż Miejska', kind: 'police', phone: '986', email: 'dyzurny@sm.example.city', address: 'ul. Elbląska 52', hours: 'całodobowo' },
  { id: 'wk', short_name: 'Wydział Komunikacji', name: 'Wydział Komunikacji Urzędu Miejskiego', kind: 'department', phone: '+48 58 000 20 00', email: 'wk@example.city', address: 'ul. Partyzantów 74', hours: 'pn 10–18, wt–pt 8–16' },
  { id: 'wp', short_name: 'Wydział Podatków', name: 'Wydział Podatków i Opłat', kind: 'department', phone: '+48 58 000 30 00', email: 'podatki@example.city', address: 'ul. Partyzantów 74', hours: 'pn 10–18, wt–pt 8–16' },
  { id: 'mops', short_name: 'MOPS', name: 'Miejski Ośrodek Pomocy Społecznej', kind: 'social', phone: '+48 58 000 40 00', email: 'mops@example.city', address: 'ul. Konrada Leczkowa 1A', hours: 'pn–pt 7:30–15:30' },
  { id: 'wgo', short_name: 'Wydział Gospodarki Odpadami', name: 'Wydział Gospodarki Odpadami', kind: 'department', phone: '+48 58 000 50 00', email: 'odpady@example.city', address: 'ul. Wałowa 27', hours: 'pn–pt 7:30–15:30' },
  { id: 'oswietlenie', short_name: 'Oświetlenie', name: 'Miejska spółka oświetleniowa', kind: 'company', phone: '+48 58 000 60 00', email: 'awarie@oswietlenie.example.city', address: null, hours: 'zgłoszenia całodobowo' },
];

const dangerLevel = {
  code: 'zagrozenie',
  variable: true,
  datatype: 'singlevaluelist' as const,
  required: true,
  datatype_description: 'Czy jest bezpośrednie zagrożenie?',
  order: 1,
  description: 'Zagrożenie dla ludzi lub ruchu',
  values: [
    { key: 'tak', name: 'Tak, bezpośrednie zagrożenie' },
    { key: 'nie', name: 'Nie' },
  ],
};

const SERVICES: Service[] = [
  { service_code: 'ZDIZ-DZIURA', service_name: 'Dziura w jezdni', description: 'Ubytek w nawierzchni jezdni, zapadnięta studzienka.', group: 'Drogi i chodniki', keywords: ['dziura', 'jezdnia', 'asfalt', 'wyrwa'], type: 'realtime', unit_id: 'zdiz', attributes: [{ ...dangerLevel, order: 1 }] },
  { service_code: 'ZDIZ-CHODNIK', service_name: 'Uszkodzony chodnik', description: 'Zapadnięte lub brakujące płyty chodnikowe.', group: 'Drogi i chodniki', keywords: ['chodnik', 'płyty'], type: 'realtime', unit_id: 'zdiz', attributes: [] },
  { service_code: 'ZDIZ-DRZEWO', service_name: 'Powalone drzewo', description: 'Drzewo lub konar na drodze, chodniku, przewodach.', group: 'Zieleń', keywords: ['drzewo', 'konar', 'wichura'], type: 'realtime', unit_id: 'zdiz', attributes: [{ ...dangerLevel }] },
  { service_code: 'ZDIZ-KOSZENIE', service_name: 'Koszenie trawy', description: 'Zbyt wysoka trawa w pasie drogowym lub na terenie zielonym.', group: 'Zieleń', keywords: ['trawa', 'koszenie'], type: 'batch', unit_id: 'zdiz', attributes: [] },
  { service_code: 'SM-ZWIERZE', service_name: 'Martwe zwierzę', description: 'Martwe zwierzę w pasie drogowym lub na terenie publicznym.', group: 'Zwierzęta', keywords: ['zwierzę', 'padlina', 'potrącone'], type: 'realtime', unit_id: 'sm', attributes: [{ code: 'gatunek', variable: true, datatype: 'string', required: false, datatype_description: '', order: 1, description: 'Jakie to zwierzę (jeśli wiadomo)' }] },
  { service_code: 'SM-POJAZD', service_name: 'Porzucony pojazd', description: 'Pojazd bez tablic lub długo nieużywany na drodze publicznej.', group: 'Porządek', keywords: ['wrak', 'auto', 'samochód'], type: 'realtime', unit_id: 'sm', attributes: [] },
  { service_code: 'WGO-WYSYPISKO', service_name: 'Nielegalne wysypisko', description: 'Odpady porzucone poza miejscami do tego przeznaczonymi.', group: 'Odpady', keywords: ['śmieci', 'odpady', 'wysypisko', 'gruz'], type: 'realtime', unit_id: 'wgo', attributes: [] },
  { service_code: 'WGO-ODBIOR', service_name: 'Nieodebrane odpady', description: 'Odpady komunalne nieodebrane w terminie z harmonogramu.', group: 'Odpady', keywords: ['śmieci', 'harmonogram', 'odbiór'], type: 'batch', unit_id: 'wgo', attributes: [] },
  { service_code: 'OSW-AWARIA', service_name: 'Awaria oświetlenia ulicznego', description: 'Niedziałająca latarnia lub cały ciąg oświetlenia.', group: 'Oświetlenie', keywords: ['latarnia', 'lampa', 'ciemno'], type: 'realtime', unit_id: 'oswietlenie', attributes: [{ code: 'nr_slupa', variable: true, datatype: 'string', required: false, datatype_description: 'Numer na słupie, jeśli widoczny', order: 1, description: 'Numer słupa' }] },
];

const DIRECTORY: DirectoryEntry[] = [
  { id: 'dir-zdiz-dyzur', kind: 'unit', name: 'ZDiZ – dyżur drogowy', unit_id: 'zdiz', role: 'Dyżurny', phone: '+48 58 000 10 99', sip_uri: 'sip:zdiz-dyzur@pbx.example.city', email: null },
  { id: 'dir-sm-dyzurny', kind: 'line', name: 'Straż Miejska – dyżurny (986)', unit_id: 'sm', role: 'Dyżurny', phone: '986', sip_uri: 'sip:986@pbx.example.city', email: null },
  { id: 'dir-wk-rejestracja', kind: 'unit', name: 'Wydział Komunikacji – rejestracja pojazdów (II linia)', unit_id: 'wk', role: 'II linia', phone: '+48 58 000 20 10', sip_uri: 'sip:wk-rejestracja@pbx.example.city', email: null },
  { id: 'dir-wp-podatki', kind: 'unit', name: 'Wydział Podatków – podatek od nieruchomości (II linia)', unit_id: 'wp', role: 'II linia', phone: '+48 58 000 30 10', sip_uri: 'sip:wp-nieruchomosci@pbx.example.city', email: null },
  { id: 'dir-mops-informacja', kind: 'unit', name: 'MOPS – punkt informacyjny', unit_id: 'mops', role: 'II linia', phone: '+48 58 000 40 10', sip_uri: 'sip:mops-info@pbx.example.city', email: 'info@mops.example.city' },
  { id: 'dir-112', kind: 'line', name: 'Centrum Powiadamiania Ratunkowego (112)', unit_id: null, role: 'Numer alarmowy', phone: '112', sip_uri: null, email: null },
];

/** The project's demo knowledge base: the same service cards the desk's tests search. */
const KB_SEED = new URL('../../resources/kb/seed-articles.jsonl', import.meta.url);

function kbSeed(): KbArticle[] {
  return readFileSync(KB_SEED, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => {
      // The server stamps updated_at itself; the seed's own date is not taken.
      const card = JSON.parse(line) as Record<string, unknown>;
      delete card.updated_at;
      return KbArticle.parse(card);
    });
}

// Hashed once per process (scrypt is slow on purpose); a process that seeds many databases, like the tests, reuses them.
let demoHashes: Promise<string[]> | null = null;

/** Fills an empty database with the demo users and catalogue, in one transaction. Does nothing when users exist. */
export async function seedDemo(db: Db): Promise<boolean> {
  if ((await countUsers(db)) > 0) return false;
  demoHashes ??= Promise.all(DEMO_USERS.map((user) => hashPassword(user.password)));
  const hashes = await demoHashes;
  await db.transaction(async (tx) => {
    for (const [i, user] of DEMO_USERS.entries()) await createUser(tx, { username: user.username, name: user.name, roles: user.roles, passwordHash: hashes[i]! });
    for (const unit of UNITS) await putRecordIn(tx, 'city_unit', unit.id, unit);
    const extra = demoCatalogue(SERVICES);
    for (const unit of extra.units) await putRecordIn(tx, 'city_unit', unit.id, unit);
    for (const service of extra.services) await putRecordIn(tx, 'service', service.service_code, service);
    for (const entry of DIRECTORY) await putRecordIn(tx, 'directory_entry', entry.id, entry);
    for (const article of kbSeed()) await putRecordIn(tx, 'kb_article', article.id, article);
    for (const office of DEMO_OFFICES) await putOffice(tx, office);
    // One demo team: the consultant and her supervisor (the desk's "my team's tickets").
    await tx.run("UPDATE users SET team = 'zespol-1' WHERE username IN ('konsultant', 'kierownik')");
    // A consultant of another team: does not see zespol-1's tickets in the team list.
    await tx.run("UPDATE users SET team = 'zespol-2' WHERE username = 'konsultant2'");
  });
  return true;
}
