import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { useLayoutEffect, useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import { createRoot } from 'react-dom/client';
import { I18nextProvider, useTranslation } from 'react-i18next';
import type { ChatConversation, ChatMessage } from '../../../../preload/contract';
import { i18n } from '../../../app/i18n';
import { MessageContent, MessageList, timeFormat } from '../MessageList';

/*
 * The page of the chat panes benchmark (tests/bench/chats-panes.ts bundles it; it is not part of
 * the desk). Ten conversations of a thousand messages are held in memory, as the panes' store holds
 * them, and one pane is shown at a time, as in ChatsPanel. `mode` picks the real virtualized
 * MessageList or the baseline that draws every row (the same rows, from MessageContent).
 */

type Mode = 'virtual' | 'plain';

interface Bench {
  load(texts: string[], conversations: number, perConversation: number): void;
  /** Shows pane `index`; resolves with the ms from the switch to the frame that paints its newest message. */
  show(index: number): Promise<number>;
  domNodes(): number;
}

const noop = () => undefined;

function conversationOf(index: number, lastSeq: number): ChatConversation {
  return {
    id: `c${index}`,
    channel: index % 3 === 0 ? 'sms' : 'web',
    queue: 'general',
    status: 'active',
    residentName: `Mieszkaniec ${index + 1}`,
    residentContact: null,
    lastSeq,
    residentDeliveredSeq: lastSeq - 2,
    residentReadSeq: lastSeq - 4,
    agentReadSeq: lastSeq,
    unread: 0,
    wrapUpCode: null,
    rating: null,
    ticketIds: [],
    transferNote: null,
    released: false,
    createdAt: Date.UTC(2025, 0, 1),
    closedAt: null,
  };
}

/** The baseline: every message of the pane in the DOM. */
function PlainMessageList({ conversation, messages }: { conversation: ChatConversation; messages: readonly ChatMessage[] }) {
  const { i18n: current } = useTranslation();
  const scroller = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    if (scroller.current) scroller.current.scrollTop = scroller.current.scrollHeight;
  }, [conversation.id]);
  const time = timeFormat(current.language);
  return (
    <div ref={scroller} role="log" tabIndex={0} style={{ flexGrow: 1, minHeight: 120, overflowY: 'auto' }} data-testid="chat-messages">
      {messages.map((message) => (
        <div key={message.id} style={{ padding: '2px 8px' }} data-testid="chat-message" data-seq={message.seq ?? ''}>
          <MessageContent message={message} conversation={conversation} onAttachment={noop} time={time} />
        </div>
      ))}
    </div>
  );
}

const mode: Mode = new URLSearchParams(location.search).get('mode') === 'plain' ? 'plain' : 'virtual';
const panes: { conversation: ChatConversation; messages: ChatMessage[] }[] = [];
let setShown: (index: number) => void = noop;

function Panes() {
  const [shown, setShownState] = useState(-1);
  setShown = setShownState;
  const pane = panes[shown];
  return (
    <div style={{ display: 'flex', flexDirection: 'column', width: 720, height: 640 }}>
      {pane &&
        (mode === 'plain' ? (
          <PlainMessageList key={pane.conversation.id} conversation={pane.conversation} messages={pane.messages} />
        ) : (
          <MessageList key={pane.conversation.id} conversation={pane.conversation} messages={pane.messages} onAttachment={noop} />
        ))}
    </div>
  );
}

const bench: Bench = {
  load(texts, conversations, perConversation) {
    panes.length = 0;
    for (let c = 0; c < conversations; c += 1) {
      const messages: ChatMessage[] = [];
      for (let seq = 1; seq <= perConversation; seq += 1) {
        const author = seq % 2 === 1 ? 'resident' : 'agent';
        messages.push({
          id: `c${c}-m${seq}`,
          conversationId: `c${c}`,
          seq,
          author,
          authorName: author === 'resident' ? `Mieszkaniec ${c + 1}` : 'Anna Konsultantka',
          text: texts[(c * perConversation + seq) % texts.length]!,
          attachment: null,
          smsSent: false,
          createdAt: Date.UTC(2025, 0, 1) + seq * 30_000,
        });
      }
      panes.push({ conversation: conversationOf(c, perConversation), messages });
    }
  },
  show(index) {
    const newest = panes[index]!.messages.length;
    const started = performance.now();
    flushSync(() => setShown(index));
    return new Promise((resolve) => {
      const check = (frameAt: number) => {
        if (document.querySelector(`[data-testid="chat-message"][data-seq="${newest}"]`)?.textContent) resolve(frameAt - started);
        else requestAnimationFrame(check);
      };
      requestAnimationFrame(check);
    });
  },
  domNodes: () => document.getElementsByTagName('*').length,
};
(globalThis as unknown as { panesBench: Bench }).panesBench = bench;

createRoot(document.getElementById('root')!).render(
  <I18nextProvider i18n={i18n}>
    <FluentProvider theme={webLightTheme}>
      <Panes />
    </FluentProvider>
  </I18nextProvider>,
);
