import type { chatMethods } from '../../preload/contract';
import type { FeatureFactory } from '../core/feature-context';
import { ChatService } from './chat-service';

/**
 * Chat conversations (issue 8). The live channel starts with the first chats request (the pane
 * asks for chats.state when it opens), so a core without a chat pane opens no socket.
 */
export const chatHandlers: FeatureFactory<keyof typeof chatMethods> = (context) => {
  const service = new ChatService(context);
  return {
    'chats.state': () => service.state(),
    'chats.messages': ({ conversationId }) => service.messages(conversationId),
    'chats.accept': async ({ offerId }) => {
      await service.accept(offerId);
      return {};
    },
    'chats.decline': async ({ offerId }) => {
      await service.decline(offerId);
      return {};
    },
    'chats.send': ({ conversationId, text }) => service.send(conversationId, text),
    'chats.typing': ({ conversationId, typing }) => {
      service.typing(conversationId, typing);
      return {};
    },
    'chats.read': ({ conversationId, seq }) => service.read(conversationId, seq),
    'chats.transfer': async ({ conversationId, target, note }) => {
      await service.transfer(conversationId, target, note);
      return {};
    },
    'chats.close': ({ conversationId, wrapUpCode }) => service.close(conversationId, wrapUpCode),
    'chats.dismiss': ({ conversationId }) => {
      service.dismiss(conversationId);
      return {};
    },
    'chats.linkTicket': ({ conversationId, ticketId }) => service.linkTicket(conversationId, ticketId),
    'chats.attachment': ({ id }) => service.attachment(id),
    'chats.sendAttachment': ({ conversationId, name, type, dataBase64, text }) => service.sendAttachment(conversationId, name, type, dataBase64, text),
    'chats.sendOutgoing': (params) => service.sendOutgoing(params),
  };
};
