import { describe, expect, it } from 'vitest';
import { CallLink, ReplyEnvelope, RequestEnvelope, isMethodName, methods } from '../../../preload/contract';

describe('the contract tables', () => {
  it('knows its methods and nothing inherited', () => {
    expect(isMethodName('settings.get')).toBe(true);
    expect(isMethodName('toString')).toBe(false);
    expect(isMethodName('__proto__')).toBe(false);
  });

  it('asks for a reason exactly when the agent is not available', () => {
    const params = methods['agent.setState'].params;
    expect(params.safeParse({ state: 'not_available', reason: 'break' }).success).toBe(true);
    expect(params.safeParse({ state: 'available' }).success).toBe(true);
    expect(params.safeParse({ state: 'not_available' }).success).toBe(false);
    expect(params.safeParse({ state: 'available', reason: 'break' }).success).toBe(false);
  });

  it('accepts tel: and sip: links only', () => {
    expect(CallLink.safeParse('tel:+48 12 616 12 34').success).toBe(true);
    expect(CallLink.safeParse('sip:wydzial.podatkow@miasto.example').success).toBe(true);
    expect(CallLink.safeParse('javascript:alert(1)').success).toBe(false);
    expect(CallLink.safeParse('tel:<script>').success).toBe(false);
  });

  it('tells requests and replies apart by shape', () => {
    expect(RequestEnvelope.safeParse({ kind: 'request', id: '1', method: 'core.ping', params: {} }).success).toBe(true);
    expect(RequestEnvelope.safeParse({ kind: 'request', id: '', method: 'core.ping' }).success).toBe(false);
    expect(ReplyEnvelope.safeParse({ kind: 'reply', id: '1', ok: false, error: { code: 'internal', message: 'x' } }).success).toBe(true);
    expect(ReplyEnvelope.safeParse({ kind: 'reply', id: '1', ok: false, error: { code: 'made_up', message: 'x' } }).success).toBe(false);
  });
});
