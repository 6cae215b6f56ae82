import { describe, expect, it } from 'vitest';
import { FailureLimiter } from '../../../backend/auth/rate-limit';
import { hashPassword, verifyPassword } from '../../../backend/auth/passwords';
import { uuidv7 } from '../../../backend/common/ids';
import { isoWithOffset, parseZonedIso } from '../../../backend/common/time';
import { Mutation, MutationPayloads } from '../../../backend/contract';
import { toPositional } from '../../../backend/db/postgres';
import { escapeXml, xmlList } from '../../../backend/open311/xml';
import { decodeCursor, encodeCursor } from '../../../backend/sync/cursor';
import { contentHash } from '../../../backend/sync/push';

describe('pull cursor', () => {
  it('round-trips and refuses anything it did not make', () => {
    const text = encodeCursor({ feedId: 'ab12cd34ef56ab12', seq: 42 });
    expect(text).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(text)).toEqual({ feedId: 'ab12cd34ef56ab12', seq: 42 });
    for (const bad of ['', 'abc', Buffer.from('v1.zz.1').toString('base64url'), Buffer.from('v1.ab12cd34.-1').toString('base64url')]) expect(decodeCursor(bad)).toBeNull();
  });
});

describe('time', () => {
  it('writes ISO 8601 with the zone offset, summer and winter', () => {
    expect(isoWithOffset(Date.UTC(2024, 6, 1, 10, 0, 0), 'Europe/Warsaw')).toBe('2024-07-01T12:00:00+02:00');
    expect(isoWithOffset(Date.UTC(2024, 0, 1, 10, 0, 0), 'Europe/Warsaw')).toBe('2024-01-01T11:00:00+01:00');
    expect(isoWithOffset(Date.UTC(2024, 0, 1, 10, 0, 0), 'America/Los_Angeles')).toBe('2024-01-01T02:00:00-08:00');
    expect(isoWithOffset(Date.UTC(2024, 0, 1, 10, 0, 0), 'UTC')).toBe('2024-01-01T10:00:00+00:00');
  });

  it('reads only date-times that state their zone', () => {
    expect(parseZonedIso('2024-01-01T11:00:00+01:00')).toBe(Date.UTC(2024, 0, 1, 10));
    expect(parseZonedIso('2024-01-01T10:00:00Z')).toBe(Date.UTC(2024, 0, 1, 10));
    expect(parseZonedIso('2024-01-01T11:00:00+0100')).toBe(Date.UTC(2024, 0, 1, 10));
    expect(parseZonedIso('2024-01-01T10:00:00')).toBeNull();
    expect(parseZonedIso('2024-01-01')).toBeNull();
    expect(parseZonedIso('wczoraj')).toBeNull();
  });
});

describe('passwords', () => {
  it('hash with scrypt and verify only the right password', async () => {
    const stored = await hashPassword('zażółć gęślą jaźń');
    expect(stored).toMatch(/^scrypt\$16384\$8\$1\$/);
    expect(await verifyPassword('zażółć gęślą jaźń', stored)).toBe(true);
    expect(await verifyPassword('zazolc gesla jazn', stored)).toBe(false);
    expect(await verifyPassword('x', 'garbage')).toBe(false);
    expect(await hashPassword('same')).not.toBe(await hashPassword('same'));
  });
});

describe('login failure limiter', () => {
  it('locks a key after the maximum within the window, until the window ends', () => {
    const limiter = new FailureLimiter(2, 1000);
    limiter.fail('a', 0);
    expect(limiter.retryAfter('a', 10)).toBe(0);
    limiter.fail('a', 10);
    expect(limiter.retryAfter('a', 20)).toBe(1);
    expect(limiter.retryAfter('b', 20)).toBe(0);
    expect(limiter.retryAfter('a', 1000)).toBe(0);
    limiter.fail('c', 0);
    limiter.succeed('c');
    limiter.fail('c', 1);
    expect(limiter.retryAfter('c', 2)).toBe(0);
  });
});

describe('contract', () => {
  const base = { client_id: 'desk', seq: 1, mutation_id: uuidv7(), entity: 'agent_state', entity_id: uuidv7(), kind: 'create', payload: { state: 'available', reason: null, changedAt: 1 } };

  it('accepts what the desk queues and needs a UUIDv7 mutation id', () => {
    expect(Mutation.safeParse(base).success).toBe(true);
    expect(Mutation.safeParse({ ...base, mutation_id: '123e4567-e89b-42d3-a456-426614174000' }).success).toBe(false);
    expect(MutationPayloads.agent_state.create.safeParse(base.payload).success).toBe(true);
    expect(MutationPayloads.agent_state.create.safeParse({ state: 'dancing', reason: null, changedAt: 1 }).success).toBe(false);
  });

  it('hashes the same content the same, whatever the key order or seq', () => {
    const reordered = { ...base, seq: 7, payload: { changedAt: 1, reason: null, state: 'available' } };
    expect(contentHash(reordered)).toBe(contentHash(base));
    expect(contentHash({ ...base, payload: { ...base.payload, changedAt: 2 } })).not.toBe(contentHash(base));
  });
});

describe('SQL and XML helpers', () => {
  it('numbers placeholders for PostgreSQL, leaving quoted text alone', () => {
    expect(toPositional("SELECT * FROM t WHERE a = ? AND b = '?' AND c IN (?, ?)")).toBe("SELECT * FROM t WHERE a = $1 AND b = '?' AND c IN ($2, $3)");
  });

  it('escapes text in XML', () => {
    expect(escapeXml(`<a href="x">'&'</a>\u0001`)).toBe('&lt;a href=&quot;x&quot;&gt;&apos;&amp;&apos;&lt;/a&gt;');
    expect(xmlList('services', 'service', [{ service_code: 'A', keywords: ['x', 'y'], empty: null }])).toBe(
      '<?xml version="1.0" encoding="utf-8"?>\n<services><service><service_code>A</service_code><keywords>x</keywords><keywords>y</keywords><empty/></service></services>',
    );
  });
});
