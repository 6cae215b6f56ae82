// What the network says about a caller is untrusted text: it is shown as text (React escapes it),
// never as HTML, and cleaned here so that it cannot break the layout or flood the call log.

/** The longest display name the softphone keeps (the call log takes 200). */
export const MAX_DISPLAY_NAME = 200;

/** Drops control and bidi-override characters, collapses whitespace, shortens with an ellipsis. */
export function cleanDisplayName(raw: string | null | undefined, max = MAX_DISPLAY_NAME): string | null {
  if (raw == null) return null;
  // eslint-disable-next-line no-control-regex -- removing control characters is the point
  const text = raw.slice(0, max * 4).replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069]/g, '').replace(/\s+/g, ' ').trim();
  if (text === '') return null;
  const chars = Array.from(text);
  return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : text;
}

/** The remote party's user part and host, as text (`sip:+48123@pbx` → `+48123@pbx`). */
export function cleanRemoteNumber(raw: string, max = 256): string {
  // eslint-disable-next-line no-control-regex -- see above
  return raw.replace(/^sips?:/i, '').replace(/[\u0000-\u001f\u007f]/g, '').slice(0, max);
}
