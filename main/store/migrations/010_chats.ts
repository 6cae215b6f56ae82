import type { Migration } from './types';

// Chats on this desk: the conversations it holds and every message of them, for the panes, the
// transcript and the offline writes. A message the consultant writes is stored here with seq NULL
// (in the same transaction as its outbox entry) and gets its seq when the backend numbered it.
export const migration010Chats: Migration = {
  version: 10,
  name: 'chats',
  up(db) {
    db.exec(`
      CREATE TABLE chat_conversations (
        id                     TEXT    PRIMARY KEY,
        channel                TEXT    NOT NULL CHECK (channel IN ('web', 'sms', 'messenger', 'email')),
        queue                  TEXT    NOT NULL,
        status                 TEXT    NOT NULL CHECK (status IN ('waiting', 'active', 'closed')),
        resident_name          TEXT,
        resident_contact       TEXT,
        last_seq               INTEGER NOT NULL DEFAULT 0,
        resident_delivered_seq INTEGER NOT NULL DEFAULT 0,
        resident_read_seq      INTEGER NOT NULL DEFAULT 0,
        agent_read_seq         INTEGER NOT NULL DEFAULT 0,
        wrap_up_code           TEXT,
        rating                 INTEGER CHECK (rating BETWEEN 1 AND 5),
        ticket_ids             TEXT    NOT NULL DEFAULT '[]' CHECK (json_valid(ticket_ids)),
        transfer_note          TEXT,
        -- 1 when it left this desk (transferred to a colleague or a queue).
        released               INTEGER NOT NULL DEFAULT 0,
        -- 1 when the consultant put the ended pane away.
        dismissed              INTEGER NOT NULL DEFAULT 0,
        created_at             INTEGER NOT NULL,
        closed_at              INTEGER,
        updated_at             INTEGER NOT NULL
      ) STRICT;
      -- The panes: conversations not put away.
      CREATE INDEX chat_conversations_open ON chat_conversations (dismissed, updated_at);

      CREATE TABLE chat_messages (
        id              TEXT    PRIMARY KEY,
        conversation_id TEXT    NOT NULL REFERENCES chat_conversations (id),
        seq             INTEGER,
        author          TEXT    NOT NULL CHECK (author IN ('resident', 'agent', 'system')),
        author_name     TEXT,
        text            TEXT    NOT NULL,
        attachment      TEXT    CHECK (attachment IS NULL OR json_valid(attachment)),
        sms_sent        INTEGER NOT NULL DEFAULT 0,
        created_at      INTEGER NOT NULL
      ) STRICT;
      -- A pane's messages in order; seq is unique in its conversation once the backend gave it.
      CREATE UNIQUE INDEX chat_messages_by_conversation ON chat_messages (conversation_id, seq);

      -- Answers sent by SMS or e-mail outside a chat (a knowledge-base card, for one), stored with
      -- their outbox entry; the backend queues them for the SMS gateway or the mail relay.
      CREATE TABLE outgoing_messages (
        id            TEXT    PRIMARY KEY,
        channel       TEXT    NOT NULL CHECK (channel IN ('sms', 'email')),
        recipient     TEXT    NOT NULL,
        subject       TEXT,
        text          TEXT    NOT NULL,
        kb_article_id TEXT,
        user_id       TEXT,
        created_at    INTEGER NOT NULL
      ) STRICT;
    `);
  },
};
