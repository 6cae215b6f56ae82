// Polish text normalization shared by the index and the query, so both sides see the same words:
// lower case, diacritics removed (including ł → l, which Unicode does not decompose and SQLite's
// unicode61 tokenizer keeps), everything else that is not a letter or digit splits words.

const COMBINING_MARKS = /\p{M}/gu;
const STROKES: Record<string, string> = { ł: 'l', Ł: 'l', đ: 'd', Đ: 'd', ø: 'o', Ø: 'o' };

/** Normalizes one character; the result may be empty (a combining mark) or longer than one. */
function foldChar(char: string): string {
  const stroke = STROKES[char];
  if (stroke) return stroke;
  return char.normalize('NFD').replace(COMBINING_MARKS, '').toLowerCase();
}

const STROKE_CHARS = /[łŁđĐøØ]/g;

/** Folds a whole text at once (the index's hot path); the same result as folding char by char. */
export function foldText(text: string): string {
  return text.replace(STROKE_CHARS, (char) => STROKES[char]!).normalize('NFD').replace(COMBINING_MARKS, '').toLowerCase();
}

/** Non-ASCII characters already folded: a card's Polish letters repeat, NFD on each does not need to. */
const foldedChars = new Map<string, string>();
const FOLDED_CHARS_KEPT = 4096;

function foldCharOnce(char: string): string {
  let out = foldedChars.get(char);
  if (out === undefined) {
    out = foldChar(char);
    if (foldedChars.size < FOLDED_CHARS_KEPT) foldedChars.set(char, out);
  }
  return out;
}

/**
 * The folded text with, for every folded UTF-16 unit, the index of the original unit it came from:
 * snippets are found in folded text and shown in the original, with its Polish letters. Runs for
 * every hit's title and text on every keystroke, so ASCII (most of it) takes a short path.
 */
export function foldWithOffsets(text: string): { folded: string; origin: number[] } {
  let folded = '';
  const origin: number[] = [];
  let index = 0;
  while (index < text.length) {
    const code = text.charCodeAt(index);
    if (code < 0x80) {
      folded += code >= 0x41 && code <= 0x5a ? String.fromCharCode(code + 0x20) : text[index];
      origin.push(index);
      index += 1;
      continue;
    }
    const char = String.fromCodePoint(text.codePointAt(index)!);
    const out = foldCharOnce(char);
    for (let i = 0; i < out.length; i += 1) origin.push(index);
    folded += out;
    index += char.length;
  }
  origin.push(index); // one past the end
  return { folded, origin };
}

const WORD = /[\p{L}\p{N}]+/gu;

/** Folded words of a text, in order. */
export function words(text: string): string[] {
  return foldedWords(foldText(text));
}

/** The words of a text that is folded already. */
export function foldedWords(folded: string): string[] {
  return folded.match(WORD) ?? [];
}

// Words that carry no meaning in a consultant's query ("jak zgłosić ...", "gdzie mogę ...").
export const STOP_WORDS = new Set(
  words(`a aby ale albo bo by być był była co czy czyli dla do gdzie i ich ile im jak jaka jaki jakie jest
    jestem już ja ją je jego jej kiedy kto która które który ma mam mi mnie mogę można mój moja moje na nad
    nie nic o od oraz po pod przez przy się są ta tak te ten to tu tym w we więc z za ze że żeby u sie
    chcę chce chciałbym chciałabym proszę trzeba mi muszę zrobić jakiś jakie jaką tego temu tej tych mój
    przed między obok koło około wobec według dlaczego czemu gdy jeśli jeżeli kiedy który której którego`),
);

// Common Polish inflectional endings, folded, longest first.
const ENDINGS = ['owie', 'ami', 'ach', 'owi', 'ego', 'emu', 'ych', 'ymi', 'imi', 'iej', 'cie', 'ow', 'om', 'em', 'ie', 'ia', 'ii', 'ji', 'ja', 'ju', 'je', 'y', 'u', 'a', 'e', 'i', 'o'];

/**
 * A search prefix for a folded word: common endings cut off and the stem shortened to about 70%
 * of the word, so other inflected forms match ("dowodu" → "dowod", "wniosku" → "wnios" finds
 * "wniosek"). Short words stay whole.
 */
export function searchPrefix(word: string): string {
  if (word.length <= 4 || /^\d+$/.test(word)) return word;
  let stem = word;
  for (const ending of ENDINGS) {
    if (word.endsWith(ending) && word.length - ending.length >= 4) {
      stem = word.slice(0, -ending.length);
      break;
    }
  }
  return stem.slice(0, Math.max(4, Math.min(stem.length, Math.ceil(word.length * 0.7))));
}
