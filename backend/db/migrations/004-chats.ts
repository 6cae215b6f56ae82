import type { Migration } from './types';

/**
 * Chats (web chat, SMS, Messenger, e-mail): conversations, their messages numbered per
 * conversation, residents' attachments, and consultants' chat skills and limits.
 */
export const migration004: Migration = {
  version: 4,
  name: 'chats',
  sql: ({ bigint, strict }) => `
CREATE TABLE chat_conversations (
  id TEXT PRIMARY KEY,
  channel TEXT NOT NULL,
  queue TEXT NOT NULL,
  status TEXT NOT NULL,
  resident_name TEXT,
  resident_contact TEXT,
  -- SHA-256 of the web resident's secret: only the page that started the chat may continue it.
  resident_key_hash TEXT,
  assigned_to TEXT,
  -- The last seq handed out: messages are numbered 1, 2, 3... per conversation.
  last_seq ${bigint} NOT NULL DEFAULT 0,
  resident_delivered_seq ${bigint} NOT NULL DEFAULT 0,
  resident_read_seq ${bigint} NOT NULL DEFAULT 0,
  agent_read_seq ${bigint} NOT NULL DEFAULT 0,
  wrap_up_code TEXT,
  rating INTEGER,
  ticket_ids TEXT NOT NULL DEFAULT '[]',
  transfer_note TEXT,
  created_at ${bigint} NOT NULL,
  assigned_at ${bigint},
  closed_at ${bigint}
)${strict};
-- Routing takes the oldest waiting ones; a desk asks for its open ones; an SMS finds its open thread.
CREATE INDEX chat_conversations_by_status ON chat_conversations(status, created_at);
CREATE INDEX chat_conversations_by_agent ON chat_conversations(assigned_to, status);
CREATE INDEX chat_conversations_by_contact ON chat_conversations(channel, resident_contact, status);

CREATE TABLE chat_messages (
  id TEXT PRIMARY KEY,
  conversation_id TEXT NOT NULL REFERENCES chat_conversations(id),
  seq ${bigint} NOT NULL,
  author TEXT NOT NULL,
  author_id TEXT,
  author_name TEXT,
  text TEXT NOT NULL,
  attachment_id TEXT,
  -- A consultant's SMS handed to the gateway (provider message id).
  sms_sid TEXT,
  client_created_at ${bigint},
  created_at ${bigint} NOT NULL,
  UNIQUE (conversation_id, seq)
)${strict};

CREATE TABLE chat_attachments (
  id TEXT PRIMARY KEY,
  conversation_id TEXT NOT NULL REFERENCES chat_conversations(id),
  name TEXT NOT NULL,
  type TEXT NOT NULL,
  size ${bigint} NOT NULL,
  data_base64 TEXT NOT NULL,
  created_at ${bigint} NOT NULL
)${strict};

-- Answers a consultant sends by SMS or e-mail outside a chat (a knowledge-base card, for one).
-- status 'queued': handed on for the SMS gateway or the city's mail relay; this backend has no
-- SMTP, so an e-mail stays queued until a relay takes it (provider_id: the gateway's message id).
CREATE TABLE outgoing_messages (
  id TEXT PRIMARY KEY,
  channel TEXT NOT NULL,
  recipient TEXT NOT NULL,
  subject TEXT,
  text TEXT NOT NULL,
  kb_article_id TEXT,
  status TEXT NOT NULL,
  provider_id TEXT,
  user_id TEXT NOT NULL,
  client_created_at ${bigint},
  created_at ${bigint} NOT NULL
)${strict};
CREATE INDEX outgoing_messages_by_status ON outgoing_messages(channel, status, created_at);

-- A consultant's chat skills (queues) and most concurrent chats; absent: every queue, the default limit.
CREATE TABLE chat_agents (
  user_id TEXT PRIMARY KEY,
  skills TEXT NOT NULL,
  max_chats INTEGER NOT NULL
)${strict};
`,
};
