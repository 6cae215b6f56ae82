import { z } from 'zod';
import type { AnyRouteSpec } from './route';
import { ErrorResponse } from '../contract';

type Json = Record<string, unknown>;

function schema(type: z.ZodType, io: 'input' | 'output'): Json {
  return z.toJSONSchema(type, { io, unrepresentable: 'any', target: 'draft-2020-12' }) as Json;
}

/** Query and path schemas become OpenAPI parameters, one per property. */
function parameters(type: z.ZodType | undefined, where: 'query' | 'path'): Json[] {
  if (!type) return [];
  const json = schema(type, 'input') as { properties?: Record<string, Json>; required?: string[] };
  return Object.entries(json.properties ?? {}).map(([name, property]) => ({
    name,
    in: where,
    required: where === 'path' || (json.required ?? []).includes(name),
    schema: property,
    ...(typeof property.description === 'string' ? { description: property.description } : {}),
  }));
}

/** The OpenAPI 3.1 document, built from the same zod schemas the routes validate with. */
export function openApiDocument(routes: readonly AnyRouteSpec[], version: string): Json {
  const paths: Record<string, Record<string, Json>> = {};
  for (const route of routes) {
    const path = route.url.replace(/:([A-Za-z_]+)/g, '{$1}');
    const responses: Record<string, Json> = {};
    for (const [status, response] of Object.entries(route.responses ?? {})) {
      responses[status] =
        response === 'empty'
          ? { description: 'No content' }
          : response === 'xml'
            ? { description: 'XML', content: { 'application/xml': { schema: { type: 'string' } } } }
            : { description: 'OK', content: { 'application/json': { schema: schema(response, 'output') } } };
    }
    if (!route.url.startsWith('/open311/')) {
      responses['400'] = { description: 'Invalid request, with field errors', content: { 'application/json': { schema: schema(ErrorResponse, 'output') } } };
      if (route.access !== 'public') {
        responses['401'] = { description: 'Not signed in' };
        responses['403'] = { description: 'Role not allowed' };
      }
    }
    (paths[path] ??= {})[route.method.toLowerCase()] = {
      summary: route.summary,
      tags: [route.tag],
      ...(route.access === 'public' ? { security: [] } : {}),
      ...(Array.isArray(route.access) ? { 'x-roles': route.access } : {}),
      parameters: [...parameters(route.params, 'path'), ...parameters(route.query, 'query')],
      ...((route.body ?? route.documentedBody)
        ? {
            requestBody: {
              required: true,
              content: {
                'application/json': { schema: schema((route.body ?? route.documentedBody)!, 'input') },
                ...(route.url.startsWith('/open311/') ? { 'application/x-www-form-urlencoded': { schema: schema((route.body ?? route.documentedBody)!, 'input') } } : {}),
              },
            },
          }
        : {}),
      responses,
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Reference city backend',
      version,
      description: 'Sync API (push/pull) for the consultant desks, sign-in, and Open311 GeoReport v2. Schemas: backend/contract.',
    },
    components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
    security: [{ bearer: [] }],
    paths,
  };
}
