/**
 * Pull cursors are opaque to the desk: base64url of `v1.<feed id>.<seq>`. The feed id changes when the
 * database is replaced, which tells the server to send the desk a reset instead of a gap.
 */
export interface Cursor {
  feedId: string;
  seq: number;
}

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(`v1.${cursor.feedId}.${cursor.seq}`).toString('base64url');
}

/** null when the text is not a cursor this server made. */
export function decodeCursor(text: string): Cursor | null {
  const match = /^v1\.([0-9a-f]{8,64})\.(\d{1,16})$/.exec(Buffer.from(text, 'base64url').toString());
  if (!match) return null;
  return { feedId: match[1]!, seq: Number(match[2]) };
}
