import { makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useLayoutEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChatConversation, ChatMessage } from '../../../preload/contract';
import { messageMark } from './chat-order';

const useStyles = makeStyles({
  scroller: {
    flexGrow: 1,
    minHeight: '120px',
    overflowY: 'auto',
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    ':focus-visible': { outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}` },
  },
  inner: { position: 'relative', width: '100%' },
  row: { position: 'absolute', top: 0, left: 0, width: '100%', boxSizing: 'border-box', padding: `${tokens.spacingVerticalXXS} ${tokens.spacingHorizontalS}` },
  bubble: {
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalS}`,
    borderRadius: tokens.borderRadiusMedium,
    // Untrusted text: shown as typed, long words broken, never interpreted.
    whiteSpace: 'pre-wrap',
    overflowWrap: 'anywhere',
  },
  resident: { backgroundColor: tokens.colorNeutralBackground3, marginRight: '15%' },
  agent: { backgroundColor: tokens.colorBrandBackground2, marginLeft: '15%' },
  system: { fontStyle: 'italic', color: tokens.colorNeutralForeground3 },
  meta: { fontSize: tokens.fontSizeBase100, color: tokens.colorNeutralForeground3 },
});

interface MessageListProps {
  conversation: ChatConversation;
  messages: readonly ChatMessage[];
  onAttachment(id: string): void;
}

/**
 * A pane's transcript, virtualized: only the rows in view (and a few around) are in the DOM, so
 * ten panes of a thousand messages cost what ten screens do. Follows the newest message while
 * the consultant is at the bottom.
 */
export function MessageList({ conversation, messages, onAttachment }: MessageListProps) {
  const styles = useStyles();
  const { t, i18n } = useTranslation();
  const scroller = useRef<HTMLDivElement>(null);
  const atBottom = useRef(true);
  const virtualizer = useVirtualizer({
    count: messages.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => 56,
    overscan: 6,
    getItemKey: (index) => messages[index]!.id,
  });

  // A pane opens at its newest message.
  useLayoutEffect(() => {
    if (messages.length > 0) virtualizer.scrollToIndex(messages.length - 1, { align: 'end' });
    atBottom.current = true;
    // Only when another conversation is shown, not on every new message.
  }, [conversation.id]);

  useEffect(() => {
    if (atBottom.current && messages.length > 0) virtualizer.scrollToIndex(messages.length - 1, { align: 'end' });
  }, [messages.length, virtualizer]);

  const time = timeFormat(i18n.language);
  return (
    <div
      ref={scroller}
      className={styles.scroller}
      role="log"
      aria-label={t('chats.messages')}
      tabIndex={0}
      data-testid="chat-messages"
      onScroll={(event) => {
        const el = event.currentTarget;
        atBottom.current = el.scrollHeight - el.scrollTop - el.clientHeight < 40;
      }}
    >
      <div className={styles.inner} style={{ height: virtualizer.getTotalSize() }}>
        {virtualizer.getVirtualItems().map((item) => {
          const message = messages[item.index]!;
          return (
            <div
              key={item.key}
              ref={virtualizer.measureElement}
              data-index={item.index}
              className={styles.row}
              style={{ transform: `translateY(${item.start}px)` }}
              data-testid="chat-message"
              data-author={message.author}
              data-seq={message.seq ?? ''}
            >
              <MessageContent message={message} conversation={conversation} onAttachment={onAttachment} time={time} />
            </div>
          );
        })}
      </div>
    </div>
  );
}

/** One formatter per language, not one per render. */
const formats = new Map<string, Intl.DateTimeFormat>();
export function timeFormat(language: string): Intl.DateTimeFormat {
  let format = formats.get(language);
  if (!format) formats.set(language, (format = new Intl.DateTimeFormat(language, { hour: '2-digit', minute: '2-digit' })));
  return format;
}

interface MessageContentProps {
  message: ChatMessage;
  conversation: ChatConversation;
  onAttachment(id: string): void;
  time: Intl.DateTimeFormat;
}

/**
 * What one message shows: its text (as text, never HTML), its attachment as a named button that
 * saves the file, who wrote it and when, and the mark under the consultant's own. Shared by the
 * virtualized list and the benchmark's plain baseline, so both draw the same rows.
 */
export function MessageContent({ message, conversation, onAttachment, time }: MessageContentProps) {
  const styles = useStyles();
  const { t } = useTranslation();
  const mark = messageMark(message, conversation);
  const author = message.author === 'resident' ? (message.authorName ?? t('chats.resident')) : message.author === 'agent' ? t('chats.you') : t('chats.system');
  return (
    <>
      <div className={mergeClasses(styles.bubble, styles[message.author])}>
        <span data-testid="chat-message-text">{message.text}</span>
        {message.attachment && (
          <div>
            <button type="button" data-testid="chat-attachment" onClick={() => onAttachment(message.attachment!.id)}>
              {t('chats.attachment', { name: message.attachment.name, size: Math.ceil(message.attachment.size / 1024) })}
            </button>
          </div>
        )}
      </div>
      <div className={styles.meta}>
        {author} · {time.format(message.createdAt)}
        {mark && (
          <span data-testid="chat-mark" data-mark={mark}>
            {' '}
            · {t(`chats.mark.${mark}`)}
          </span>
        )}
      </div>
    </>
  );
}
