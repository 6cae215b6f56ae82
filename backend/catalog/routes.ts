import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { EditableEntity, PublishedSchemas } from '../contract';
import type { Db, Queryable } from '../db/adapter';
import { ApiError } from '../server/errors';
import { addRoute, parsePart, type RouteContext } from '../server/route';
import { isoWithOffset } from '../common/time';
import { publish, publishedRecord, unpublish } from '../sync/feed';

/** The field of each editable record that holds its id (the path's `:id`). */
export const KEY_FIELD: Record<EditableEntity, string> = {
  kb_article: 'id',
  service: 'service_code',
  city_unit: 'id',
  directory_entry: 'id',
};

const Params = z.object({ entity: EditableEntity, id: z.string().min(1).max(64) });

/**
 * Upserts a record of the catalogue (knowledge base, services, units, directory) and publishes it.
 * Also used by the demo seed.
 */
export async function putRecord(db: Db, entity: EditableEntity, id: string, body: unknown): Promise<unknown> {
  return db.transaction((tx) => putRecordIn(tx, entity, id, body));
}

/** The same inside the caller's transaction (a seed or an import of many records commits once). */
export async function putRecordIn(tx: Queryable, entity: EditableEntity, id: string, body: unknown): Promise<unknown> {
  const fields = body !== null && typeof body === 'object' && !Array.isArray(body) ? body : {};
  const data = parsePart(PublishedSchemas[entity], { ...fields, [KEY_FIELD[entity]]: id }, 'body') as Record<string, unknown>;
  if (entity === 'kb_article') data.updated_at = isoWithOffset(Date.now());
  await publish(tx, entity, id, data);
  return data;
}

/** Editing the replicated catalogue: every write lands in the change feed. */
export function catalogRoutes(app: FastifyInstance, context: RouteContext, db: Db): void {
  addRoute(app, context, {
    method: 'GET',
    url: '/catalog/:entity/:id',
    access: 'signed_in',
    tag: 'catalog',
    summary: 'One record of the replicated catalogue.',
    params: Params,
    handler: async ({ params }) => {
      const record = await publishedRecord(db, params.entity, params.id);
      if (!record) throw new ApiError(404, 'not_found', 'No such record');
      return record;
    },
  });

  addRoute(app, context, {
    method: 'PUT',
    url: '/catalog/:entity/:id',
    access: ['admin', 'supervisor'],
    tag: 'catalog',
    summary: 'Create or replace a record (kb_article, service, city_unit, directory_entry); the key field is taken from the path.',
    params: Params,
    documentedBody: z.union([PublishedSchemas.kb_article, PublishedSchemas.service, PublishedSchemas.city_unit, PublishedSchemas.directory_entry]),
    handler: async ({ params, request }) => putRecord(db, params.entity, params.id, request.body ?? {}),
  });

  addRoute(app, context, {
    method: 'DELETE',
    url: '/catalog/:entity/:id',
    access: ['admin', 'supervisor'],
    tag: 'catalog',
    summary: 'Remove a record; desks get a tombstone.',
    params: Params,
    responses: { 204: 'empty' },
    handler: async ({ params, reply }) => {
      if (!(await db.transaction((tx) => unpublish(tx, params.entity, params.id)))) throw new ApiError(404, 'not_found', 'No such record');
      return reply.status(204).send();
    },
  });
}
