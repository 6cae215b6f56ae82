import { migration001 } from './001-initial';
import { migration002 } from './002-contacts';
import { migration003 } from './003-tickets';
import { migration004 } from './004-chats';
import { migration005 } from './005-kb-usage';
import { migration006 } from './006-visits';
import { migration007 } from './007-ticket-feedback';
import type { Migration } from './types';

export type { Migration } from './types';
/** Every migration, in order. Append only; never edit one that has shipped. */
export const MIGRATIONS: readonly Migration[] = [migration001, migration002, migration003, migration004, migration005, migration006, migration007];
