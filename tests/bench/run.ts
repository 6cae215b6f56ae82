// `npm run bench [-- NAME ...] [--json]`: runs the named benchmarks (all when none is named) and
// prints each figure beside the target. `--json` prints one JSON object a line instead.
import { bridgeMessagePort, bridgeWebSocket } from './bridge';
import { callersLookup } from './callers';
import { callersScreenPop } from './callers-screenpop';
import { chatLatency } from './chats';
import { chatPanes } from './chats-panes';
import { coreStart1Gb, coreStartEmpty } from './core-start';
import { kbRelevance, kbSearch } from './kb';
import { kbKeystroke } from './kb-keystroke';
import { rendererSize, rendererTti } from './renderer';
import { softphoneAnswer, softphoneHeap, softphoneInvite, softphoneScreenPop } from './softphone';
import type { BenchResult } from './stats';
import { syncBackendLoad, syncDrain, syncFirstPull, syncSave } from './sync';
import { classifierSuggest } from './classifier';
import { ticketsList, ticketsSave } from './tickets';
import { ticketsFormOpen } from './tickets-form';

const BENCHES: Record<string, () => Promise<BenchResult>> = {
  'bridge-ws': bridgeWebSocket,
  'bridge-port': bridgeMessagePort,
  'core-start-empty': coreStartEmpty,
  'core-start-1gb': coreStart1Gb,
  'renderer-size': rendererSize,
  'renderer-tti': rendererTti,
  'kb-search': kbSearch,
  'kb-relevance': kbRelevance,
  'kb-keystroke': kbKeystroke,
  'sync-save': syncSave,
  'sync-drain': syncDrain,
  'sync-first-pull': syncFirstPull,
  'sync-backend-load': syncBackendLoad,
  'callers-lookup': callersLookup,
  'callers-screenpop': callersScreenPop,
  'chats-latency': chatLatency,
  'chats-panes': chatPanes,
  'tickets-save': ticketsSave,
  'tickets-list': ticketsList,
  'tickets-form-open': ticketsFormOpen,
  'classifier-suggest': classifierSuggest,
  'softphone-screen-pop': softphoneScreenPop,
  'softphone-answer': softphoneAnswer,
  'softphone-invite': softphoneInvite,
  'softphone-heap': softphoneHeap,
};

const args = process.argv.slice(2);
const json = args.includes('--json');
const names = args.filter((arg) => !arg.startsWith('--'));
const unknown = names.filter((name) => !(name in BENCHES));
if (unknown.length > 0) {
  process.stderr.write(`unknown benchmark(s): ${unknown.join(', ')}\nknown: ${Object.keys(BENCHES).join(', ')}\n`);
  process.exit(2);
}

let failed = 0;
for (const name of names.length > 0 ? names : Object.keys(BENCHES)) {
  const bench = BENCHES[name]!;
  const outcome = await bench();
  if (!outcome.pass) failed += 1;
  if (json) {
    process.stdout.write(`${JSON.stringify(outcome)}\n`);
  } else {
    const figures = Object.entries(outcome.figures).map(([key, value]) => `${key}=${value}`).join('  ');
    const headline = outcome.figures[outcome.target.figure];
    process.stdout.write(
      `${outcome.pass ? 'MET ' : 'MISS'} ${outcome.name}: ${outcome.target.figure} ${headline} (target ≤ ${outcome.target.max})\n     ${outcome.what}\n     ${figures}\n`,
    );
  }
}
process.exit(failed > 0 ? 1 : 0);
