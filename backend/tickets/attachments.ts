import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { AttachmentMime, MAX_ATTACHMENT_BASE64, attachmentProblem } from '../../preload/contract/ticket-attachments';
import type { Db } from '../db/adapter';
import { isUniqueViolation } from '../db/adapter';
import { ApiError } from '../server/errors';
import { addRoute, type RouteContext } from '../server/route';
import { findTicket } from './tickets';

/*
 * Files a desk attached to a ticket, uploaded once the ticket itself was accepted (the outbox carries
 * the ticket; a file is too large for a sync mutation). The id is the desk's: a repeated upload is
 * answered with the stored one. The type is checked against the bytes, and downloads are never
 * served as something a browser would render as a page.
 */

const Upload = z.strictObject({ id: z.uuid(), name: z.string().trim().min(1).max(200), mime: AttachmentMime, data_base64: z.string().max(MAX_ATTACHMENT_BASE64) });
const Stored = z.strictObject({ id: z.string(), ticket_id: z.string(), name: z.string(), mime: z.string(), size: z.number().int(), sha256: z.string() });
const Listed = z.strictObject({ attachments: z.array(Stored) });

interface Row {
  [key: string]: unknown;
  id: string;
  ticket_id: string;
  name: string;
  mime: string;
  size: number;
  sha256: string;
  data_base64: string;
}
const stored = (row: Row) => ({ id: row.id, ticket_id: row.ticket_id, name: row.name, mime: row.mime, size: Number(row.size), sha256: row.sha256 });

export function ticketAttachmentRoutes(app: FastifyInstance, context: RouteContext, db: Db): void {
  addRoute(app, context, {
    method: 'POST',
    url: '/tickets/:id/attachments',
    access: 'signed_in',
    tag: 'tickets',
    summary: 'Attach a photo or a PDF (at most 512 KiB, the type must match the bytes) to a ticket; 201 stored, 200 when the same id was stored before.',
    params: z.object({ id: z.string().max(100) }),
    body: Upload,
    bodyLimit: MAX_ATTACHMENT_BASE64 + 4096,
    responses: { 200: Stored, 201: Stored },
    handler: async ({ params, body, user, reply }) => {
      const bytes = Buffer.from(body.data_base64, 'base64');
      const problem = attachmentProblem(body.name, body.mime, bytes);
      if (problem === 'too_large') throw new ApiError(413, 'payload_too_large', 'Attachments are at most 512 KiB');
      if (problem) throw new ApiError(415, 'unsupported_media_type', `The file is not an allowed ${body.mime} (${problem})`, [{ path: 'body.data_base64', code: problem, message: problem }]);
      if (!(await findTicket(db, params.id))) throw new ApiError(404, 'not_found', 'No such ticket');
      const [before] = await db.query<Row>('SELECT * FROM ticket_attachments WHERE id = ?', [body.id]);
      if (before) {
        if (before.ticket_id !== params.id) throw new ApiError(409, 'conflict', 'This attachment id belongs to another ticket');
        return reply.status(200).send(stored(before));
      }
      const row: Row = { id: body.id, ticket_id: params.id, name: body.name, mime: body.mime, size: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex'), data_base64: bytes.toString('base64') };
      try {
        await db.run('INSERT INTO ticket_attachments (id, ticket_id, name, mime, size, sha256, data_base64, uploaded_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)', [
          row.id,
          row.ticket_id,
          row.name,
          row.mime,
          row.size,
          row.sha256,
          row.data_base64,
          user!.id,
          Date.now(),
        ]);
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
      }
      return reply.status(201).send(stored(row));
    },
  });

  addRoute(app, context, {
    method: 'GET',
    url: '/tickets/:id/attachments',
    access: 'signed_in',
    tag: 'tickets',
    summary: "A ticket's attachments (without their bytes).",
    params: z.object({ id: z.string().max(100) }),
    responses: { 200: Listed },
    handler: async ({ params }) => {
      const rows = await db.query<Row>('SELECT id, ticket_id, name, mime, size, sha256 FROM ticket_attachments WHERE ticket_id = ? ORDER BY created_at, id', [params.id]);
      return { attachments: rows.map(stored) };
    },
  });

  addRoute(app, context, {
    method: 'GET',
    url: '/tickets/attachments/:id',
    access: 'signed_in',
    tag: 'tickets',
    summary: 'Downloads one attachment (as a download, never rendered in place).',
    params: z.object({ id: z.string().max(100) }),
    handler: async ({ params, reply }) => {
      const [row] = await db.query<Row>('SELECT * FROM ticket_attachments WHERE id = ?', [params.id]);
      if (!row) throw new ApiError(404, 'not_found', 'No such attachment');
      return reply
        .header('content-type', row.mime)
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(row.name)}`)
        .header('x-content-type-options', 'nosniff')
        .header('content-security-policy', "default-src 'none'; sandbox")
        .send(Buffer.from(row.data_base64, 'base64'));
    },
  });
}
