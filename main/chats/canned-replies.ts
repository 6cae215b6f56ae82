import type { CannedReply } from '../../preload/contract';

/** Wrap-up codes a consultant ends a chat with (the renderer translates them). */
export const WRAP_UP_CODES = ['info_given', 'ticket_created', 'forwarded', 'no_response', 'spam'] as const;

/** Ready answers for the composer (Polish: residents write in Polish first). */
export const CANNED_REPLIES: CannedReply[] = [
  { id: 'greeting', title: 'Powitanie', text: 'Dzień dobry, nazywam się {name} i jestem konsultantem Centrum Kontaktu Miasta. W czym mogę pomóc?' },
  { id: 'wait', title: 'Proszę chwilę zaczekać', text: 'Proszę o chwilę cierpliwości, sprawdzam informacje.' },
  { id: 'ticket', title: 'Zgłoszenie przyjęte', text: 'Przyjęliśmy zgłoszenie i przekazaliśmy je do właściwej jednostki. Informację o załatwieniu sprawy otrzyma Pan/Pani tym samym kanałem.' },
  { id: 'address', title: 'Prośba o adres', text: 'Proszę podać dokładny adres lub najbliższe skrzyżowanie, abyśmy mogli przekazać zgłoszenie.' },
  { id: 'closing', title: 'Zakończenie', text: 'Dziękuję za kontakt. Czy mogę jeszcze w czymś pomóc?' },
];
