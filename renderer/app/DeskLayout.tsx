import { makeStyles, tokens } from '@fluentui/react-components';
import { CallerCard } from '../features/callers/CallerCard';
import { ChatsPanel } from '../features/chats/ChatsPanel';
import { KnowledgeBasePanel } from '../features/kb/KnowledgeBasePanel';
import { SoftphonePanel } from '../features/softphone/SoftphonePanel';
import { TicketsPanel } from '../features/tickets/TicketsPanel';
import { DeskHeader } from './DeskHeader';
import { RecoveredBanner } from './RecoveredBanner';
import { StatusBar } from './StatusBar';

const useStyles = makeStyles({
  shell: {
    height: '100vh',
    display: 'flex',
    flexDirection: 'column',
    backgroundColor: tokens.colorNeutralBackground2,
    color: tokens.colorNeutralForeground1,
  },
  // Phone and caller on the left, the knowledge base in the middle (the most used), work on the right.
  desk: {
    flexGrow: 1,
    display: 'grid',
    gridTemplateColumns: 'minmax(240px, 1fr) minmax(320px, 2fr) minmax(240px, 1fr)',
    gridTemplateRows: '1fr 1fr',
    gridTemplateAreas: '"softphone kb tickets" "caller kb chats"',
    gap: tokens.spacingHorizontalS,
    padding: tokens.spacingHorizontalS,
    minHeight: 0,
    '@media (max-width: 900px)': {
      gridTemplateColumns: '1fr',
      gridTemplateRows: 'none',
      gridTemplateAreas: '"softphone" "caller" "kb" "tickets" "chats"',
      overflow: 'auto',
    },
  },
  softphone: { gridArea: 'softphone' },
  caller: { gridArea: 'caller' },
  kb: { gridArea: 'kb' },
  tickets: { gridArea: 'tickets' },
  chats: { gridArea: 'chats' },
});

/** The consultant's desk: five regions, each a landmark reachable with Alt+1..5 and F6. */
export function DeskLayout() {
  const styles = useStyles();
  return (
    <div className={styles.shell}>
      <DeskHeader />
      <RecoveredBanner />
      <main className={styles.desk}>
        <SoftphonePanel className={styles.softphone} />
        <CallerCard className={styles.caller} />
        <KnowledgeBasePanel className={styles.kb} />
        <TicketsPanel className={styles.tickets} />
        <ChatsPanel className={styles.chats} />
      </main>
      <StatusBar />
    </div>
  );
}
