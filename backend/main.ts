// The reference city backend: `npm run backend -- --port 8787 --db FILE [--demo] [--host 127.0.0.1]`.
// PostgreSQL when DATABASE_URL is set; otherwise SQLite in --db (default ./backend-data/city.sqlite).
import { parseArgs } from 'node:util';
import { openDatabase } from './db/open';
import { DEMO_OPEN311_API_KEY } from './seed/demo';
import { buildServer } from './server/app';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: process.env.PORT ?? '8787' },
    host: { type: 'string', default: process.env.HOST ?? '127.0.0.1' },
    db: { type: 'string', default: process.env.BACKEND_DB ?? './backend-data/city.sqlite' },
    demo: { type: 'boolean', default: process.env.BACKEND_DEMO === '1' },
    'body-limit': { type: 'string', default: String(2 * 1024 * 1024) },
    'log': { type: 'boolean', default: false },
  },
  strict: true,
});

const databaseUrl = process.env.DATABASE_URL || undefined;
const db = openDatabase({ databaseUrl, sqliteFile: values.db });
const app = await buildServer({
  db,
  demo: values.demo,
  open311ApiKey: process.env.OPEN311_API_KEY || (values.demo ? DEMO_OPEN311_API_KEY : null),
  bodyLimit: Number(values['body-limit']),
  logger: values.log,
});
const address = await app.listen({ port: Number(values.port), host: values.host });
// Tests and scripts wait for this line.
console.log(`city backend listening on ${address} (${databaseUrl ? 'postgres' : `sqlite ${values.db}`}${values.demo ? ', demo' : ''})`);

let closing = false;
async function shutdown(signal: string): Promise<void> {
  if (closing) return;
  closing = true;
  console.log(`city backend: ${signal}, closing`);
  await app.close(); // finishes requests in flight, refuses new ones
  await db.close();
  process.exit(0);
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
