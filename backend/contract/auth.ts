import { z } from 'zod';

export const Role = z.enum(['consultant', 'supervisor', 'dispatcher', 'admin']);
export type Role = z.infer<typeof Role>;

export const LoginRequest = z.object({
  username: z.string().trim().min(1).max(100),
  password: z.string().min(1).max(1024),
});
export type LoginRequest = z.infer<typeof LoginRequest>;

export const SessionUser = z.object({
  id: z.string(),
  username: z.string(),
  name: z.string(),
  roles: z.array(Role),
  /** The user's team (the desk's "my team's tickets"); null or absent: none. */
  team: z.string().nullable().optional(),
});
export type SessionUser = z.infer<typeof SessionUser>;

/**
 * The desk keeps `token` and `expires_at` as its cached session: it may keep working offline until
 * then and queues work under `user.id`.
 */
export const LoginResponse = z.object({
  token: z.string(),
  token_type: z.literal('Bearer'),
  /** ISO 8601 with offset, set by the server's clock. */
  expires_at: z.string(),
  user: SessionUser,
});
export type LoginResponse = z.infer<typeof LoginResponse>;

export const CreateUserRequest = z.object({
  username: z
    .string()
    .trim()
    .min(2)
    .max(100)
    .regex(/^[\p{L}\p{N}._-]+$/u, 'letters, digits, dot, dash and underscore only'),
  name: z.string().trim().min(1).max(200),
  password: z.string().min(8).max(1024),
  roles: z.array(Role).min(1),
});
export type CreateUserRequest = z.infer<typeof CreateUserRequest>;
