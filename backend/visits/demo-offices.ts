import type { OpeningWindow } from './contract';
import type { OfficeSeed } from './visit-store';

/** City offices' usual hours: Monday 10–18, Tuesday to Friday 8–16. */
const USUAL: OpeningWindow[] = [
  { weekday: 1, open: '10:00', close: '18:00' },
  ...[2, 3, 4, 5].map((weekday) => ({ weekday, open: '08:00', close: '16:00' })),
];

/** Demo customer offices (Biura Obsługi Mieszkańców) and what each handles. */
export const DEMO_OFFICES: OfficeSeed[] = [
  {
    id: 'bom-centrum',
    name: 'Biuro Obsługi Mieszkańców – Centrum',
    address: 'ul. Partyzantów 74',
    opening_hours: USUAL,
    services: [
      { id: 'dowod', name: 'Dowód osobisty – wniosek', duration_minutes: 15 },
      { id: 'meldunek', name: 'Zameldowanie', duration_minutes: 20 },
      { id: 'rejestracja', name: 'Rejestracja pojazdu', duration_minutes: 30 },
    ],
  },
  {
    id: 'bom-nowa-huta',
    name: 'Biuro Obsługi Mieszkańców – Nowa Huta',
    address: 'os. Zgody 2',
    opening_hours: [...[1, 2, 3, 4, 5].map((weekday) => ({ weekday, open: '08:00', close: '15:00' })), { weekday: 6, open: '09:00', close: '13:00' }],
    services: [
      { id: 'dowod', name: 'Dowód osobisty – wniosek', duration_minutes: 15 },
      { id: 'karta-mieszkanca', name: 'Karta Mieszkańca', duration_minutes: 10 },
    ],
  },
];
