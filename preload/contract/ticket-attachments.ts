import { z } from 'zod';

/*
 * Files attached to a ticket: photos (PNG, JPEG) and PDF documents, each at most 512 KiB (one
 * bridge message carries one file), at most 5 per ticket. The declared type must match the bytes:
 * the same check runs in the renderer (before saving), the core (before storing) and the backend.
 */

export const ATTACHMENT_TYPES = ['image/png', 'image/jpeg', 'application/pdf'] as const;
export const AttachmentMime = z.enum(ATTACHMENT_TYPES);
export type AttachmentMime = z.infer<typeof AttachmentMime>;
export const MAX_ATTACHMENT_BYTES = 512 * 1024;
export const MAX_ATTACHMENTS_PER_TICKET = 5;
/** Base64 of the largest file, with a little room. */
export const MAX_ATTACHMENT_BASE64 = Math.ceil(MAX_ATTACHMENT_BYTES / 3) * 4 + 8;

/** Magic numbers of each allowed type. */
export function bytesMatchType(bytes: Uint8Array, mime: string): boolean {
  const starts = (...prefix: number[]) => prefix.every((b, i) => bytes[i] === b);
  if (mime === 'image/png') return starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a);
  if (mime === 'image/jpeg') return starts(0xff, 0xd8, 0xff);
  if (mime === 'application/pdf') return starts(0x25, 0x50, 0x44, 0x46, 0x2d); // %PDF-
  return false;
}

/** Why a file may not be attached: an issue code the UI translates, or null when it may. */
export function attachmentProblem(name: string, mime: string, bytes: Uint8Array): 'type_not_allowed' | 'too_large' | 'empty' | 'type_mismatch' | 'name_invalid' | null {
  if (name.trim() === '' || name.length > 200) return 'name_invalid';
  if (!(ATTACHMENT_TYPES as readonly string[]).includes(mime)) return 'type_not_allowed';
  if (bytes.length === 0) return 'empty';
  if (bytes.length > MAX_ATTACHMENT_BYTES) return 'too_large';
  if (!bytesMatchType(bytes, mime)) return 'type_mismatch';
  return null;
}

/** Base64 to bytes, in the browser and in Node alike. */
export function base64Bytes(base64: string): Uint8Array {
  const text = atob(base64);
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
}

export const TicketAttachmentView = z.object({
  id: z.string(),
  name: z.string(),
  mime: z.string(),
  size: z.number().int(),
  /** Sent to the backend (after the ticket itself was accepted), or still waiting. */
  uploaded: z.boolean(),
});
export type TicketAttachmentView = z.infer<typeof TicketAttachmentView>;
