import { describe, expect, it } from 'vitest';
import { dialTarget, normalizeCaller } from '../../../preload/contract/phone-number';

describe('normalizeCaller', () => {
  it.each([
    ['+48 12 616 12 34'],
    ['0048126161234'],
    ['126161234'],
    ['12 616-12-34'],
    ['sip:+48126161234@pbx.example.pl;user=phone'],
    ['"Jan" <sip:0048126161234@10.0.0.1>'],
    ['tel:+48-12-616-12-34'],
    ['sip:%2B48126161234@pbx'],
  ])('reads %s as +48126161234', (raw) => {
    const identity = normalizeCaller(raw);
    expect(identity).toMatchObject({ kind: 'phone', e164: '+48126161234' });
  });

  it('formats for reading', () => {
    expect(normalizeCaller('600100200')).toMatchObject({ e164: '+48600100200', display: '+48 600 100 200' });
  });

  it.each([['anonymous'], ['sip:anonymous@anonymous.invalid'], [''], ['Restricted'], ['sip:@host']])('treats %j as withheld', (raw) => {
    expect(normalizeCaller(raw).kind).toBe('withheld');
  });

  it('keeps short service numbers as dialled', () => {
    expect(normalizeCaller('19115')).toMatchObject({ kind: 'phone', e164: '19115' });
  });

  it('keeps a non-phone SIP address as an address', () => {
    expect(normalizeCaller('sip:agent2@desk.local')).toMatchObject({ kind: 'sip', address: 'agent2@desk.local' });
  });

  it('never trusts a huge input', () => {
    expect(normalizeCaller('9'.repeat(10_000)).raw.length).toBeLessThanOrEqual(512);
  });

  it('gives a dial target or null', () => {
    expect(dialTarget('0048 600 100 200')).toBe('+48600100200');
    expect(dialTarget('agent2@desk.local')).toBe('agent2@desk.local');
    expect(dialTarget('anonymous')).toBeNull();
  });
});
