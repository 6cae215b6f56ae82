import { z } from 'zod';
import { Settings } from './settings';
import { DeskStatus } from './status';
import { AuthStatus, SyncStatus } from './sync';
import { PowerEvent } from './methods';
import { callEvents } from './calls';
import { chatEvents } from './chats';
import { contactEvents } from './contacts';
import { softphoneEvents } from './softphone';
import { ticketEvents } from './tickets';

/** Every event the core pushes to its clients. */
export const events = {
  'status.changed': DeskStatus,
  'settings.changed': Settings,
  'system.power': z.object({ event: PowerEvent, at: z.number().int() }),
  'desk.linkOpened': z.object({ uri: z.string(), at: z.number().int() }),
  'sync.changed': SyncStatus,
  'auth.changed': AuthStatus,
  ...softphoneEvents,
  ...callEvents,
  ...contactEvents,
  ...ticketEvents,
  ...chatEvents,
} as const;

export type EventName = keyof typeof events;
export type EventPayload<E extends EventName> = z.infer<(typeof events)[E]>;
