import type { Database } from 'better-sqlite3';
import type { AgentStatus } from '../../preload/contract';
import { uuidv7 } from '../store/ids';
import type { Outbox } from '../store/outbox';

/** Agent state changes: stored with their outbox entry in one transaction. */
export class AgentStateRepository {
  private readonly insert;
  private readonly selectLatest;

  constructor(
    private readonly db: Database,
    private readonly outbox: Outbox,
  ) {
    this.insert = db.prepare('INSERT INTO agent_state_changes (id, state, reason, changed_at) VALUES (?, ?, ?, ?)');
    this.selectLatest = db.prepare('SELECT state, reason, changed_at AS since FROM agent_state_changes ORDER BY changed_at DESC LIMIT 1');
  }

  current(): AgentStatus {
    const row = this.selectLatest.get() as AgentStatus | undefined;
    return row ?? { state: 'logged_out', reason: null, since: 0 };
  }

  /**
   * `queue`: false when the backend cannot take agent states (an Open311 server): the change is
   * kept here only, instead of piling up in the outbox as work no server will ever accept.
   */
  change(state: AgentStatus['state'], reason: AgentStatus['reason'], nowMs: number, queue = true, userId: string | null = null): AgentStatus {
    const id = uuidv7(nowMs);
    this.db.transaction(() => {
      this.insert.run(id, state, reason, nowMs);
      if (queue) this.outbox.add({ entity: 'agent_state', entityId: id, kind: 'create', payload: { state, reason, changedAt: nowMs }, userId }, nowMs);
    })();
    return { state, reason, since: nowMs };
  }
}
