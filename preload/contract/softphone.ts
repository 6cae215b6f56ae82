import { z } from 'zod';

// Softphone account secrets and the transfer directory (issue 4).
//
// The SIP password and the TURN credential are never part of `settings` (settings.get goes to
// every client and into logs of settings changes): they are stored apart and handed out only by
// `softphone.secrets`, to the softphone that registers. In Electron the renderer seals them with
// the shell's safeStorage before they reach the core (scheme 'electron-safe-storage'); the
// browser host has no OS keyring and stores them as given (scheme 'plain').
// See docs/decisions/0008-sip-password.md.

export const SecretKind = z.enum(['sip_password', 'turn_credential']);
export type SecretKind = z.infer<typeof SecretKind>;
export const SecretScheme = z.enum(['plain', 'electron-safe-storage']);
export type SecretScheme = z.infer<typeof SecretScheme>;

export const StoredSecret = z.object({ scheme: SecretScheme, secret: z.string().max(8192) });
export type StoredSecret = z.infer<typeof StoredSecret>;

/** A city unit, line or person the consultant may transfer a call to (pulled from the backend). */
export const TransferTarget = z.object({
  id: z.string(),
  kind: z.enum(['person', 'unit', 'line']),
  name: z.string(),
  role: z.string().nullable(),
  phone: z.string().nullable(),
  sipUri: z.string().nullable(),
});
export type TransferTarget = z.infer<typeof TransferTarget>;

export const softphoneMethods = {
  /** Stores (or, with an empty secret, forgets) the SIP password or the TURN credential. */
  'softphone.setSecret': {
    params: z
      .object({
        kind: SecretKind,
        // Sealed secrets are base64 and longer than the password itself.
        secret: z.string().max(8192, 'too_long'),
        scheme: SecretScheme.default('plain'),
      })
      .strict(),
    result: z.object({ sipPasswordSet: z.boolean(), turnCredentialSet: z.boolean() }),
  },
  /** Which secrets are stored (for the settings dialog: never the secrets themselves). */
  'softphone.secretState': {
    params: z.object({}).strict(),
    result: z.object({ sipPasswordSet: z.boolean(), turnCredentialSet: z.boolean() }),
  },
  /** The stored secrets, for the softphone that registers. */
  'softphone.secrets': {
    params: z.object({}).strict(),
    result: z.object({ sipPassword: StoredSecret.nullable(), turnCredential: StoredSecret.nullable() }),
  },
  /** Transfer targets from the city directory, filtered by name, role or number. */
  'softphone.directory': {
    params: z.object({ query: z.string().max(200).default(''), limit: z.number().int().min(1).max(200).default(50) }).strict(),
    result: z.array(TransferTarget),
  },
} as const;

export const softphoneEvents = {
  /** A secret was stored or forgotten: the softphone registers again with it. */
  'softphone.secretsChanged': z.object({ at: z.number().int() }),
} as const;
