import { z } from 'zod';

/** One problem with one field of a request, e.g. `{ path: "mutations.0.seq", message: "Too small" }`. */
export const FieldError = z.object({
  /** Dotted path into the request body or query; empty for the request as a whole. */
  path: z.string(),
  /** A stable zod issue code (e.g. "invalid_type"), for programs. */
  code: z.string(),
  /** English text, for logs and people. */
  message: z.string(),
});
export type FieldError = z.infer<typeof FieldError>;

export const ErrorCode = z.enum([
  'invalid_request', // 400: malformed JSON or a body/query that fails its schema
  'unauthorized', // 401: no token, a bad token, or a wrong user name or password (never says which)
  'forbidden', // 403: signed in, but the role may not do this
  'not_found',
  'payload_too_large', // 413
  'unsupported_media_type', // 415
  'conflict', // 409
  'rate_limited', // 429, with Retry-After
  'internal',
]);
export type ErrorCode = z.infer<typeof ErrorCode>;

/** Every error of the sync and auth API (Open311 uses its own spec format instead). */
export const ErrorResponse = z.object({
  error: z.object({
    code: ErrorCode,
    message: z.string(),
    field_errors: z.array(FieldError).optional(),
  }),
});
export type ErrorResponse = z.infer<typeof ErrorResponse>;

/** Turns zod issues into field errors, paths joined with dots and prefixed (e.g. "body", "query"). */
export function toFieldErrors(error: z.ZodError): FieldError[] {
  return error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), code: issue.code, message: issue.message }));
}
