import { z } from 'zod';
import type { FeatureContext } from '../core/feature-context';
import { BridgeFailure } from '../core/bridge-failure';
import { backendRequest, backendTarget } from './ticket-backend';
import type { TicketStore } from './ticket-store';

const Stored = z.object({ id: z.string() });
/** How often the desk looks for files to send while some wait. */
export const UPLOAD_INTERVAL_MS = 1_000;

/**
 * Sends attached files once their ticket was accepted by the backend (the outbox carries the
 * ticket; a file is too large for a sync mutation). Each file goes once: the backend keys it by
 * the desk's id, so a retry after a lost reply is answered with the stored one.
 */
export class AttachmentUploader {
  private timer: NodeJS.Timeout | undefined;
  private busy = false;
  /** Files the backend did not take: tried again after a minute, not every second. */
  private readonly retryAt = new Map<string, number>();

  constructor(
    private readonly context: () => FeatureContext,
    private readonly store: () => TicketStore,
  ) {}

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.runOnce(), UPLOAD_INTERVAL_MS);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  /** Sends what can be sent now; returns the ids sent. Quiet when offline or signed out (tried again later). */
  async runOnce(): Promise<string[]> {
    if (this.busy) return [];
    this.busy = true;
    const sent: string[] = [];
    const tickets = new Set<string>();
    let ctx: FeatureContext;
    try {
      ctx = this.context();
      if (!ctx.db.open) {
        this.stop();
        return [];
      }
    } catch {
      this.stop(); // the store is closed or unusable
      this.busy = false;
      return [];
    }
    try {
      const now = Date.now();
      const pending = this.store().pendingUploads(50).filter((file) => (this.retryAt.get(file.id) ?? 0) <= now);
      if (pending.length === 0) return [];
      const target = backendTarget(ctx);
      for (const file of pending) {
        const reply = await backendRequest(target, 'POST', `tickets/${encodeURIComponent(file.ticket_id)}/attachments`, Stored, {
          id: file.id,
          name: file.name,
          mime: file.mime,
          data_base64: Buffer.from(file.data).toString('base64'),
        });
        // 404: the backend does not have the ticket (refused, or an Open311 server): left waiting, logged.
        if (reply.status === 404) {
          ctx.log.warn('attachment waits: the backend has no such ticket', { ticket: file.ticket_id });
          this.retryAt.set(file.id, now + 60_000);
          continue;
        }
        if (!reply.body) {
          ctx.log.warn('attachment refused by the backend', { id: file.id, status: reply.status });
          this.retryAt.set(file.id, now + 60_000);
          continue;
        }
        this.store().markUploaded(file.id, ctx.now());
        sent.push(file.id);
        tickets.add(file.ticket_id);
      }
    } catch (error) {
      if (!(error instanceof BridgeFailure)) throw error;
    } finally {
      this.busy = false;
      if (tickets.size > 0) ctx.emit('tickets.changed', { ids: [...tickets] });
    }
    return sent;
  }
}
