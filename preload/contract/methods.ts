import { z } from 'zod';
import { Settings, SettingsPatch } from './settings';
import { AgentState, AgentStatus, DeskStatus, NotAvailableReason, StoreStatus } from './status';

const Empty = z.object({}).strict();

export const ClientKind = z.enum(['renderer', 'shell', 'test', 'bench']);
export type ClientKind = z.infer<typeof ClientKind>;

export const PowerEvent = z.enum(['suspend', 'resume', 'lock-screen', 'unlock-screen']);
export type PowerEvent = z.infer<typeof PowerEvent>;

/** tel: and sip: links handed to the desk by the operating system (click-to-call). */
export const CallLink = z
  .string()
  .max(512)
  .regex(/^(tel:[+0-9()\-. ]{1,40}|sips?:[^\s<>"]{1,400})$/i, 'link_invalid');

/**
 * Every request the core answers: its params and its result. Both sides import this table; the
 * core validates params with it, and the renderer's client is typed from it.
 */
export const methods = {
  'core.hello': {
    params: z.object({ client: ClientKind }).strict(),
    result: z.object({
      appVersion: z.string(),
      dataDir: z.string(),
      store: StoreStatus,
      startedAt: z.number().int(),
      readyInMs: z.number(),
    }),
  },
  'core.ping': { params: Empty, result: z.object({ at: z.number() }) },
  'settings.get': { params: Empty, result: Settings },
  'settings.update': { params: SettingsPatch, result: Settings },
  'status.get': { params: Empty, result: DeskStatus },
  'agent.setState': {
    params: z
      .object({ state: AgentState, reason: NotAvailableReason.nullable().default(null) })
      .strict()
      .refine((p) => (p.state === 'not_available') === (p.reason !== null), {
        message: 'reason_required_only_when_not_available',
        path: ['reason'],
      }),
    result: AgentStatus,
  },
  /** The softphone reports how many calls it holds, so the shell can ask before quitting. */
  'desk.reportActivity': { params: z.object({ activeCalls: z.number().int().min(0).max(16) }).strict(), result: DeskStatus },
  'desk.quitCheck': {
    params: Empty,
    result: z.object({ activeCalls: z.number().int(), unsentCount: z.number().int(), mustConfirm: z.boolean() }),
  },
  /** From the shell: power and session events the softphone reacts to (re-register). */
  'system.power': { params: z.object({ event: PowerEvent }).strict(), result: Empty },
  /** From the shell: a tel:/sip: link the OS opened with this app. */
  'desk.openLink': { params: z.object({ uri: CallLink }).strict(), result: Empty },
} as const;

export type MethodName = keyof typeof methods;
export type MethodParams<M extends MethodName> = z.input<(typeof methods)[M]['params']>;
export type MethodParsedParams<M extends MethodName> = z.output<(typeof methods)[M]['params']>;
export type MethodResult<M extends MethodName> = z.infer<(typeof methods)[M]['result']>;

export function isMethodName(name: string): name is MethodName {
  return Object.hasOwn(methods, name);
}
