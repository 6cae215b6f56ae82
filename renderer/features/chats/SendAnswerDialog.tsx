import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Field,
  Input,
  Radio,
  RadioGroup,
  Select,
  Text,
  Textarea,
  Toast,
  ToastTitle,
  makeStyles,
  tokens,
  useToastController,
} from '@fluentui/react-components';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CHAT_TEXT_MAX, EMAIL_TEXT_MAX, SMS_TEXT_MAX, normalizeCaller } from '../../../preload/contract';
import { DESK_TOASTER_ID } from '../../app/toaster';
import { bridge } from '../../bridge';
import { chatErrorText } from './chat-errors';
import { useChatsStore } from './chats-store';

const useStyles = makeStyles({
  error: { color: tokens.colorPaletteRedForeground1 },
});

type Channel = 'chat' | 'sms' | 'email';
const LIMITS: Record<Channel, number> = { chat: CHAT_TEXT_MAX, sms: SMS_TEXT_MAX, email: EMAIL_TEXT_MAX };
/** A plain check of the form; the core checks again with the backend's own schema. */
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

interface SendAnswerDialogProps {
  articleId: string;
  title: string;
  /** The answer as plain text (the knowledge base's answerText), editable before sending. */
  text: string;
  /** The same answer cut for an SMS: what to bring along and where to find the forms. */
  smsText: string;
  onClose(): void;
}

/**
 * "Wyślij mieszkańcowi": an answer goes into an open chat (as the consultant's message), by SMS to
 * a number or by e-mail to an address. Every way goes through the desk's outbox; the article is
 * recorded as the answer to the contact (kb.recordUse 'answered', with the chat when there is one).
 * There is no SMTP here: an e-mail waits at the backend for the city's mail relay, and says so.
 */
export function SendAnswerDialog({ articleId, title, text: fullText, smsText, onClose }: SendAnswerDialogProps) {
  const { t } = useTranslation();
  const styles = useStyles();
  const { dispatchToast } = useToastController(DESK_TOASTER_ID);
  const conversations = useChatsStore((s) => s.conversations);
  const activeId = useChatsStore((s) => s.activeId);
  const open = Object.values(conversations).filter((c) => c.status === 'active' && !c.released);
  const [channel, setChannel] = useState<Channel>(open.length > 0 ? 'chat' : 'sms');
  const prefilled = (way: Channel): string => (way === 'sms' ? smsText : fullText);
  const [chatId, setChatId] = useState(open.find((c) => c.id === activeId)?.id ?? open[0]?.id ?? '');
  const [to, setTo] = useState('');
  const [subject, setSubject] = useState(title);
  const [text, setText] = useState(() => prefilled(channel));
  // Until the consultant edits the text, it follows the way chosen (an SMS gets the short answer).
  const [edited, setEdited] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const limit = LIMITS[channel];

  const nameOf = (id: string) => {
    const c = conversations[id];
    return c?.residentName ?? c?.residentContact ?? t('chats.resident');
  };

  const check = (): string | null => {
    if (text.trim() === '') return t('chats.errors.empty');
    if (text.length > limit) return t('chats.sendAnswer.tooLong', { max: limit, length: text.length });
    if (channel === 'chat' && !conversations[chatId]) return t('chats.sendAnswer.noChat');
    if (channel === 'sms' && normalizeCaller(to).kind !== 'phone') return t('chats.errors.phone_invalid');
    if (channel === 'email' && !EMAIL.test(to.trim())) return t('chats.errors.email_invalid');
    return null;
  };

  const send = async () => {
    const problem = check();
    if (problem) return setError(problem);
    setSending(true);
    try {
      let done: string;
      if (channel === 'chat') {
        await bridge().request('chats.send', { conversationId: chatId, text });
        done = t('chats.sendAnswer.sentChat', { name: nameOf(chatId) });
      } else {
        const queued = await bridge().request('chats.sendOutgoing', { channel, to, subject, text, kbArticleId: articleId });
        done = t(channel === 'sms' ? 'chats.sendAnswer.sentSms' : 'chats.sendAnswer.sentEmail', { to: queued.to });
      }
      // The figure behind first-line resolution: this article answered the contact. The answer went either way.
      await bridge()
        .request('kb.recordUse', { articleId, kind: 'answered', chatId: channel === 'chat' ? chatId : null, callId: null, comment: '' })
        .catch(() => undefined);
      dispatchToast(
        <Toast data-testid="kb-send-toast">
          <ToastTitle>{done}</ToastTitle>
        </Toast>,
        { intent: 'success', politeness: 'polite', timeout: 8000 },
      );
      onClose();
    } catch (err) {
      setError(chatErrorText(t, err));
    } finally {
      setSending(false);
    }
  };

  return (
    <Dialog open onOpenChange={(_, data) => !data.open && onClose()}>
      <DialogSurface>
        <DialogBody>
          <DialogTitle>{t('chats.sendAnswer.title')}</DialogTitle>
          <DialogContent>
            <RadioGroup
              value={channel}
              onChange={(_, data) => {
                setChannel(data.value as Channel);
                if (!edited) setText(prefilled(data.value as Channel));
                setError(null);
              }}
              aria-label={t('chats.sendAnswer.how')}
            >
              <Radio value="chat" label={t('chats.sendAnswer.chat')} disabled={open.length === 0} />
              <Radio value="sms" label={t('chats.sendAnswer.sms')} />
              <Radio value="email" label={t('chats.sendAnswer.email')} />
            </RadioGroup>
            {channel === 'chat' && (
              <Field label={t('chats.sendAnswer.conversation')}>
                <Select value={chatId} onChange={(_, data) => setChatId(data.value)}>
                  {open.map((c) => (
                    <option key={c.id} value={c.id}>
                      {nameOf(c.id)}
                    </option>
                  ))}
                </Select>
              </Field>
            )}
            {channel === 'sms' && (
              <Field label={t('chats.sendAnswer.phone')} hint={t('chats.sendAnswer.phoneHint')}>
                <Input type="tel" value={to} onChange={(_, data) => (setTo(data.value), setError(null))} />
              </Field>
            )}
            {channel === 'email' && (
              <>
                <Field label={t('chats.sendAnswer.address')} hint={t('chats.sendAnswer.emailHint')}>
                  <Input type="email" value={to} onChange={(_, data) => (setTo(data.value), setError(null))} />
                </Field>
                <Field label={t('chats.sendAnswer.subject')}>
                  <Input value={subject} maxLength={300} onChange={(_, data) => setSubject(data.value)} />
                </Field>
              </>
            )}
            <Field label={t('chats.sendAnswer.text', { count: text.length, max: limit })}>
              <Textarea value={text} rows={8} resize="vertical" onChange={(_, data) => (setText(data.value), setEdited(true), setError(null))} />
            </Field>
            {error && (
              <Text role="alert" className={styles.error} data-testid="kb-send-error">
                {error}
              </Text>
            )}
          </DialogContent>
          <DialogActions>
            <Button appearance="primary" disabled={sending} onClick={() => void send()}>
              {t('chats.sendAnswer.send')}
            </Button>
            <Button onClick={onClose}>{t('chats.cancel')}</Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
