import { Button, Field, Input, Menu, MenuItem, MenuList, MenuPopover, MenuTrigger, Textarea, makeStyles, tokens } from '@fluentui/react-components';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CHAT_ATTACHMENT_MAX_BYTES, CHAT_ATTACHMENT_TYPES, CHAT_TEXT_MAX } from '../../../preload/contract';
import type { KbHit } from '../../../preload/contract';
import { bridge, isBridgeRequestError } from '../../bridge';
import { useChatsStore } from './chats-store';
import { chatErrorText } from './chat-errors';

const useStyles = makeStyles({
  composer: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  row: { display: 'flex', gap: tokens.spacingHorizontalXS, flexWrap: 'wrap', alignItems: 'end' },
  kbHits: { listStyleType: 'none', margin: 0, padding: 0, maxHeight: '8rem', overflowY: 'auto' },
  kbHit: { padding: tokens.spacingVerticalXXS, cursor: 'pointer' },
  kbHitActive: { backgroundColor: tokens.colorNeutralBackground1Selected, outline: `${tokens.strokeWidthThin} solid ${tokens.colorStrokeFocus2}` },
});

interface ComposerProps {
  conversationId: string;
  disabled: boolean;
  userName: string | null;
}

/**
 * What the consultant writes: Enter or Ctrl+Enter sends, Shift+Enter breaks the line. The limit is
 * shown as a counter and said plainly when passed. Canned replies and knowledge-base answers go
 * into the text with one key (Enter on the chosen one), to be checked before sending.
 */
export function Composer({ conversationId, disabled, userName }: ComposerProps) {
  const styles = useStyles();
  const { t } = useTranslation();
  const canned = useChatsStore((s) => s.cannedReplies);
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [kbQuery, setKbQuery] = useState('');
  const [kbHits, setKbHits] = useState<KbHit[]>([]);
  const [kbIndex, setKbIndex] = useState(0);
  const typing = useRef<ReturnType<typeof setTimeout> | null>(null);
  const textarea = useRef<HTMLTextAreaElement>(null);
  const kbField = useRef<HTMLInputElement>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const [cannedOpen, setCannedOpen] = useState(false);
  const [sending, setSending] = useState(false);
  const command = useChatsStore((s) => s.composerCommand);
  const tooLong = text.length > CHAT_TEXT_MAX;

  // Alt+Insert opens the canned replies (Enter inserts one), Alt+K goes to the knowledge-base field.
  useEffect(() => {
    if (!command || disabled) return;
    if (command.kind === 'canned') setCannedOpen(true);
    else kbField.current?.focus();
  }, [command, disabled]);

  /** A file chosen: checked here first (type, size) so the consultant hears why at once, then sent with the text. */
  const attach = async (file: File) => {
    if (!(CHAT_ATTACHMENT_TYPES as readonly string[]).includes(file.type)) return setError(t('chats.errors.attachment_type'));
    if (file.size > CHAT_ATTACHMENT_MAX_BYTES) return setError(t('chats.errors.attachment_too_large', { size: Math.ceil(file.size / 1024) }));
    if (tooLong) return setError(t('chats.errors.too_long', { max: CHAT_TEXT_MAX, length: text.length }));
    setSending(true);
    try {
      const bytes = new Uint8Array(await file.arrayBuffer());
      let binary = '';
      for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
      await bridge().request('chats.sendAttachment', { conversationId, name: file.name, type: file.type, dataBase64: btoa(binary), text });
      setText('');
      setError(null);
    } catch (err) {
      setError(chatErrorText(t, err));
    } finally {
      setSending(false);
      if (fileInput.current) fileInput.current.value = '';
    }
  };

  useEffect(() => {
    setText('');
    setError(null);
  }, [conversationId]);

  useEffect(() => {
    if (kbQuery.trim().length < 2) {
      setKbHits([]);
      return;
    }
    let current = true;
    bridge()
      .request('kb.search', { query: kbQuery, limit: 5 })
      .then((result) => current && (setKbHits(result.hits), setKbIndex(0)), () => current && setKbHits([]));
    return () => {
      current = false;
    };
  }, [kbQuery]);

  const stopTyping = () => {
    if (typing.current) clearTimeout(typing.current);
    typing.current = null;
    void bridge().request('chats.typing', { conversationId, typing: false }).catch(() => undefined);
  };

  const insert = (value: string) => {
    setText((before) => (before.trim() === '' ? value : `${before}${before.endsWith(' ') ? '' : ' '}${value}`));
    textarea.current?.focus();
  };

  const insertArticle = async (hit: KbHit) => {
    try {
      const article = await bridge().request('kb.article', { id: hit.id });
      insert(article.summary || article.title);
      setKbQuery('');
    } catch (err) {
      setError(chatErrorText(t, err));
    }
  };

  const send = async () => {
    if (disabled) return;
    if (tooLong) return setError(t('chats.errors.too_long', { max: CHAT_TEXT_MAX, length: text.length }));
    if (text.trim() === '') return setError(t('chats.errors.empty'));
    try {
      await bridge().request('chats.send', { conversationId, text });
      setText('');
      setError(null);
      stopTyping();
    } catch (err) {
      // Nothing typed is lost: the text stays in the box.
      setError(isBridgeRequestError(err) ? chatErrorText(t, err) : t('chats.errors.internal'));
    }
  };

  return (
    <div className={styles.composer}>
      <Field
        label={t('chats.composer', { count: text.length, max: CHAT_TEXT_MAX })}
        validationState={error || tooLong ? 'error' : 'none'}
        validationMessage={tooLong ? t('chats.errors.too_long', { max: CHAT_TEXT_MAX, length: text.length }) : error}
        hint={t('chats.composerHint')}
      >
        <Textarea
          ref={textarea}
          value={text}
          disabled={disabled}
          resize="vertical"
          data-testid="chat-composer"
          onChange={(_, data) => {
            setText(data.value);
            if (error) setError(null);
            if (!typing.current) void bridge().request('chats.typing', { conversationId, typing: true }).catch(() => undefined);
            else clearTimeout(typing.current);
            typing.current = setTimeout(stopTyping, 3_000);
          }}
          onKeyDown={(event) => {
            if (event.key === 'Enter' && !event.shiftKey && !event.altKey) {
              event.preventDefault();
              void send();
            }
          }}
        />
      </Field>
      <div className={styles.row}>
        <Button appearance="primary" disabled={disabled} onClick={() => void send()}>
          {t('chats.send')}
        </Button>
        <Menu open={cannedOpen} onOpenChange={(_, data) => setCannedOpen(data.open)}>
          <MenuTrigger disableButtonEnhancement>
            <Button disabled={disabled} data-testid="chat-canned">
              {t('chats.canned')}
            </Button>
          </MenuTrigger>
          <MenuPopover>
            <MenuList>
              {canned.map((reply) => (
                <MenuItem key={reply.id} onClick={() => insert(reply.text.replace('{name}', userName ?? ''))}>
                  {reply.title}
                </MenuItem>
              ))}
            </MenuList>
          </MenuPopover>
        </Menu>
        {/* The file picker itself stays hidden; the button says what may be attached. */}
        <input
          ref={fileInput}
          type="file"
          hidden
          accept={CHAT_ATTACHMENT_TYPES.join(',')}
          data-testid="chat-file"
          onChange={(event) => {
            const file = event.currentTarget.files?.[0];
            if (file) void attach(file);
          }}
        />
        <Button disabled={disabled || sending} onClick={() => fileInput.current?.click()} title={t('chats.attachHint')}>
          {t('chats.attach')}
        </Button>
      </div>
      <Field label={t('chats.kbInsert')} hint={t('chats.kbInsertHint')}>
        <Input
          ref={kbField}
          value={kbQuery}
          disabled={disabled}
          data-testid="chat-kb-search"
          onChange={(_, data) => setKbQuery(data.value)}
          onKeyDown={(event) => {
            if (event.key === 'ArrowDown') setKbIndex((i) => Math.min(i + 1, kbHits.length - 1));
            else if (event.key === 'ArrowUp') setKbIndex((i) => Math.max(i - 1, 0));
            else if (event.key === 'Enter' && kbHits[kbIndex]) {
              event.preventDefault();
              void insertArticle(kbHits[kbIndex]);
            } else return;
            event.preventDefault();
          }}
        />
      </Field>
      {kbHits.length > 0 && (
        <ul className={styles.kbHits} aria-label={t('chats.kbHits')}>
          {kbHits.map((hit, index) => (
            <li key={hit.id} className={index === kbIndex ? `${styles.kbHit} ${styles.kbHitActive}` : styles.kbHit} aria-current={index === kbIndex} onClick={() => void insertArticle(hit)}>
              {hit.title.text}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
