import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { ErrorCode, ErrorResponse, FieldError } from '../contract';

/** An error with its HTTP status, turned into the API's error shape by the error handler. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
    readonly fieldErrors?: FieldError[],
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

/** Open311 routes answer errors in the GeoReport v2 format: `[{ code, description }]`. */
export function isOpen311(request: FastifyRequest): boolean {
  return request.url.startsWith('/open311/');
}

function fromFastify(error: FastifyError): ApiError {
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new ApiError(413, 'payload_too_large', 'The request body is too large');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new ApiError(415, 'unsupported_media_type', 'Unsupported content type');
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new ApiError(400, 'invalid_request', 'The JSON body is empty', [{ path: '', code: 'invalid_json', message: 'empty body' }]);
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
    default:
      if (error instanceof SyntaxError || error.code === 'FST_ERR_CTP_INVALID_JSON_BODY') {
        return new ApiError(400, 'invalid_request', 'The body is not valid JSON', [{ path: '', code: 'invalid_json', message: error.message }]);
      }
      if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
        return new ApiError(error.statusCode, error.statusCode === 404 ? 'not_found' : 'invalid_request', error.message);
      }
      return new ApiError(500, 'internal', 'Internal error');
  }
}

export function sendError(request: FastifyRequest, reply: FastifyReply, raw: unknown): FastifyReply {
  const error = raw instanceof ApiError ? raw : fromFastify(raw as FastifyError);
  if (error.status >= 500) request.log.error({ err: raw }, 'request failed');
  void reply.headers(error.headers).status(error.status);
  if (isOpen311(request)) {
    const description = error.fieldErrors?.length
      ? error.fieldErrors.map((f) => (f.path ? `${f.path}: ${f.message}` : f.message)).join('; ')
      : error.message;
    return reply.send([{ code: error.status, description }]);
  }
  const body: ErrorResponse = { error: { code: error.code, message: error.message, ...(error.fieldErrors ? { field_errors: error.fieldErrors } : {}) } };
  return reply.send(body);
}
