import { describe, expect, it } from 'vitest';
import { ErrorResponse, LoginResponse } from '../../../backend/contract';
import { DIALECTS } from './helpers/dialects';
import { startBackend } from './helpers/server';

describe.each(DIALECTS)('sign-in on %s', (dialect) => {
  it('gives a bearer token with its expiry and the user with roles', async () => {
    const backend = await startBackend(dialect);
    const response = await backend.call('/auth/login', { json: { username: 'kierownik', password: 'kierownik' } });
    expect(response.status).toBe(200);
    const body = LoginResponse.parse(await response.json());
    expect(body.user).toMatchObject({ username: 'kierownik', roles: ['supervisor', 'consultant'], team: 'zespol-1' });
    expect(body.expires_at).toMatch(/[+-]\d{2}:\d{2}$/);
    expect(Date.parse(body.expires_at)).toBeGreaterThan(Date.now());
    const me = await backend.call('/auth/me', { token: body.token });
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({ username: 'kierownik', team: 'zespol-1' });
  });

  it('answers a wrong password and an unknown user with the same 401', async () => {
    const backend = await startBackend(dialect);
    const wrong = await backend.call('/auth/login', { json: { username: 'konsultant', password: 'nope' } });
    const unknown = await backend.call('/auth/login', { json: { username: 'nikt', password: 'nope' } });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    const [a, b] = [await wrong.text(), await unknown.text()];
    expect(a).toBe(b);
    expect(ErrorResponse.parse(JSON.parse(a)).error.code).toBe('unauthorized');
  });

  it('refuses endpoints without a token (401) and with a role not allowed (403)', async () => {
    const backend = await startBackend(dialect);
    expect((await backend.call('/sync/pull')).status).toBe(401);
    expect((await backend.call('/sync/pull', { token: 'x'.repeat(43) })).status).toBe(401);
    const consultant = await backend.login('konsultant');
    const denied = await backend.call('/catalog/service/X-1', { method: 'PUT', token: consultant, json: { service_name: 'x' } });
    expect(denied.status).toBe(403);
    expect(((await denied.json()) as ErrorResponse).error.code).toBe('forbidden');
    const created = await backend.call('/admin/users', { token: consultant, json: { username: 'nowy', name: 'Nowy', password: 'haslo-haslo', roles: ['consultant'] } });
    expect(created.status).toBe(403);
    const admin = await backend.login('admin');
    const ok = await backend.call('/admin/users', { token: admin, json: { username: 'nowy', name: 'Nowy', password: 'haslo-haslo', roles: ['consultant'] } });
    expect(ok.status).toBe(201);
    expect(await backend.login('nowy', 'haslo-haslo')).toBeTruthy();
  });

  it('ends a session on logout', async () => {
    const backend = await startBackend(dialect);
    const token = await backend.login('konsultant');
    expect((await backend.call('/auth/logout', { method: 'POST', token })).status).toBe(204);
    expect((await backend.call('/auth/me', { token })).status).toBe(401);
  });

  it('refuses an expired token', async () => {
    const backend = await startBackend(dialect, { sessionTtlMs: 1 });
    const token = await backend.login('konsultant');
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect((await backend.call('/auth/me', { token })).status).toBe(401);
  });

  it('rate-limits repeated failures per user name and address with 429 and Retry-After', async () => {
    const backend = await startBackend(dialect, { loginFailures: { max: 3, windowMs: 60_000 } });
    for (let i = 0; i < 3; i++) expect((await backend.call('/auth/login', { json: { username: 'konsultant', password: 'zle' } })).status).toBe(401);
    const limited = await backend.call('/auth/login', { json: { username: 'konsultant', password: 'konsultant' } });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    // Another user name from the same address is not locked out.
    expect((await backend.call('/auth/login', { json: { username: 'kierownik', password: 'kierownik' } })).status).toBe(200);
    // An unknown user name is limited the same way (no telling who exists).
    for (let i = 0; i < 3; i++) await backend.call('/auth/login', { json: { username: 'nikt', password: 'zle' } });
    expect((await backend.call('/auth/login', { json: { username: 'nikt', password: 'zle' } })).status).toBe(429);
  });
});
