import { migration001Settings } from './001_settings';
import { migration002Outbox } from './002_outbox';
import { migration003AgentState } from './003_agent_state';
import { migration004Kb } from './004_kb';
import { migration005Sync } from './005_sync';
import { migration006Open311 } from './006_open311';
import { migration007OutboxUser } from './007_outbox_user';
import { migration008CallsContacts } from './008_calls_contacts';
import { migration009Tickets } from './009_tickets';
import { migration010Chats } from './010_chats';
import { migration011Softphone } from './011_softphone';
import { migration012KbTermCounts } from './012_kb_term_counts';
import { migration013KbUsage } from './013_kb_usage';
import { migration014CallerHistory } from './014_caller_history';
import { migration015TicketTeam } from './015_ticket_team';
import { migration016KbPrefixCounts } from './016_kb_prefix_counts';
import { migration017KbValidFrom } from './017_kb_valid_from';
import { migration018KbArticleFacts } from './018_kb_article_facts';
import type { Migration } from './types';

/** In order; each version is one more than the one before (checked by a test). */
export const MIGRATIONS: readonly Migration[] = [
  migration001Settings, migration002Outbox, migration003AgentState, migration004Kb, migration005Sync, migration006Open311, migration007OutboxUser,
  migration008CallsContacts,
  migration009Tickets,
  migration010Chats,
  migration011Softphone,
  migration012KbTermCounts,
  migration013KbUsage,
  migration014CallerHistory,
  migration015TicketTeam,
  migration016KbPrefixCounts,
  migration017KbValidFrom,
  migration018KbArticleFacts,
];

export const LATEST_SCHEMA_VERSION = MIGRATIONS.at(-1)?.version ?? 0;
export type { Migration };
