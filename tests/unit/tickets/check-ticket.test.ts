import { describe, expect, it } from 'vitest';
import { TicketInput, checkTicket, type ServiceView } from '../../../preload/contract';

const service: ServiceView = {
  code: 'SM-PARKOWANIE',
  name: 'Nieprawidłowe parkowanie',
  group: 'Straż miejska',
  description: '',
  keywords: [],
  unitId: 'sm',
  responseHours: 2,
  attributes: [
    { code: 'utrudnienie', datatype: 'singlevaluelist', required: true, description: 'Co utrudnia', hint: '', order: 1, values: [{ key: 'wyjazd', name: 'Wyjazd' }] },
    { code: 'liczba', datatype: 'number', required: false, description: 'Liczba', hint: '', order: 2, values: [] },
    { code: 'od', datatype: 'datetime', required: false, description: 'Od kiedy', hint: '', order: 3, values: [] },
    { code: 'gdzie', datatype: 'multivaluelist', required: true, description: 'Gdzie', hint: '', order: 4, values: [{ key: 'a', name: 'A' }, { key: 'b', name: 'B' }] },
  ],
};

const issues = (input: Partial<TicketInput>, s: ServiceView | null = service) => checkTicket(TicketInput.parse({ kind: 'fault', ...input }), s);

describe('checkTicket', () => {
  it('names every missing required field of a fault report', () => {
    expect(issues({}, null)).toEqual([
      { field: 'serviceCode', code: 'required' },
      { field: 'description', code: 'required' },
      { field: 'streetId', code: 'required' },
    ]);
  });

  it('checks the service attributes by type', () => {
    const result = issues({ serviceCode: 'SM-PARKOWANIE', description: 'x', streetId: '0950463-00001', attributes: { utrudnienie: 'inne', liczba: 'dwa', od: 'wczoraj', gdzie: ['a', 'z'] } });
    expect(result).toEqual([
      { field: 'attributes.utrudnienie', code: 'choice_invalid' },
      { field: 'attributes.liczba', code: 'number_invalid' },
      { field: 'attributes.od', code: 'datetime_invalid' },
      { field: 'attributes.gdzie', code: 'choice_invalid' },
    ]);
  });

  it('accepts a complete report, with a decimal comma and several choices', () => {
    expect(issues({ serviceCode: 'SM-PARKOWANIE', description: 'x', streetId: '0950463-00001', building: '12A/3', attributes: { utrudnienie: 'wyjazd', liczba: '2,5', od: '2025-03-12T22:00', gdzie: ['a', 'b'] } })).toEqual([]);
  });

  it('flags a service the catalogue no longer has, a bad building number and phone', () => {
    expect(issues({ serviceCode: 'GONE', description: 'x', streetId: 's', building: '12 b', callerPhone: 'abc' }, null)).toEqual([
      { field: 'serviceCode', code: 'service_unknown' },
      { field: 'building', code: 'building_invalid' },
      { field: 'callerPhone', code: 'phone_invalid' },
    ]);
  });

  it('needs the answer, not a place, for an information request', () => {
    expect(issues({ kind: 'information' }, null)).toEqual([{ field: 'answer', code: 'required' }]);
    expect(issues({ kind: 'information', answer: 'Czynne 8–16' }, null)).toEqual([]);
  });
});
