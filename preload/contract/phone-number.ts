import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/min';

/*
 * One normalization of phone numbers for the whole desk: the softphone dials with it, the caller
 * card looks contacts up with it, the backend stores it. Pure: runs in the renderer and in Node.
 */

export type CallerIdentity =
  /** A phone number: E.164 (+48126161234) and as people read it (+48 12 616 12 34). */
  | { kind: 'phone'; e164: string; display: string; raw: string }
  /** A SIP address that is not a phone number (another desk, a unit's line). */
  | { kind: 'sip'; address: string; display: string; raw: string }
  /** Withheld, anonymous or empty: nothing to look up. */
  | { kind: 'withheld'; raw: string };

const WITHHELD = /^(anonymous|unknown|unavailable|restricted|private|withheld|anonim|zastrze[zż]ony)$/i;

/** Pulls the user part out of `sip:+48...@host;user=phone`, `tel:+48...`, `"Name" <sip:...>`. */
function userPart(raw: string): { user: string; host: string | null; phoneParam: boolean } {
  const inner = /<([^>]*)>/.exec(raw)?.[1] ?? raw;
  const match = /^(?:sips?:|tel:)?([^@;>]*)(?:@([^;>]*))?(.*)$/i.exec(inner.trim());
  return { user: match?.[1] ?? '', host: match?.[2] ?? null, phoneParam: /;user=phone/i.test(match?.[3] ?? '') };
}

/** Decodes %2B and the like; leaves malformed escapes as they are. */
function decode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

export function normalizeCaller(rawInput: string, region: CountryCode = 'PL'): CallerIdentity {
  const raw = rawInput.slice(0, 512);
  const { user: encodedUser, host, phoneParam } = userPart(raw);
  const user = decode(encodedUser).trim();
  if (user === '' || WITHHELD.test(user) || /^anonymous\.invalid$/i.test(host ?? '')) return { kind: 'withheld', raw };
  // 0048 12 ... is the international prefix written out; libphonenumber reads it only as +48.
  const dialable = user.replace(/[\s().\-/]/g, '').replace(/^00(?=[1-9])/, '+');
  if (/^\+?\d{3,17}$/.test(dialable) || phoneParam) {
    const parsed = parsePhoneNumberFromString(dialable, region);
    if (parsed?.isPossible()) return { kind: 'phone', e164: parsed.number, display: parsed.formatInternational(), raw };
    // Short service numbers (112, 19115, internal extensions) stay as dialled.
    if (/^\d{3,6}$/.test(dialable)) return { kind: 'phone', e164: dialable, display: dialable, raw };
  }
  if (host) return { kind: 'sip', address: `${user}@${host}`, display: `${user}@${host}`, raw };
  return { kind: 'withheld', raw };
}

/** What to put in a call's request URI: a phone number as E.164 (or a short number), or the SIP address. */
export function dialTarget(input: string, region: CountryCode = 'PL'): string | null {
  const identity = normalizeCaller(input, region);
  if (identity.kind === 'phone') return identity.e164;
  if (identity.kind === 'sip') return identity.address;
  return null;
}
