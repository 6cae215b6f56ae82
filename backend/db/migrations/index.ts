import { migration001 } from './001-initial';
import type { Migration } from './types';

export type { Migration } from './types';
/** Every migration, in order. Append only; never edit one that has shipped. */
export const MIGRATIONS: readonly Migration[] = [migration001];
