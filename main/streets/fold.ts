/** Lower case without Polish diacritics and punctuation: how street names are matched as typed. */
export function foldStreet(text: string): string {
  return text
    .toLowerCase()
    .replace(/ł/g, 'l')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** Street-type prefixes residents leave out ("ul.", "al.", "os."…), folded. */
const PREFIXES = /^(ul|ulica|al|aleja|aleje|pl|plac|os|osiedle|rondo|most|bulw|bulwar|skwer|park|kopiec|estakada|ogrod|planty|wezel|zjazd|zrodlo|zamek)\s+/;

/** The folded name without its type prefix: the key autocomplete matches by prefix. */
export function streetKey(name: string): string {
  return foldStreet(name).replace(PREFIXES, '');
}
