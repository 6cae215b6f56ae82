// `npm run pbx`: the demo PBX (Kamailio with resources/pbx/kamailio.cfg) on loopback, in the
// foreground: ws://127.0.0.1:8088 for the softphone, SIP on udp/tcp 127.0.0.1:5060, RPC on tcp 2049.
// Users and passwords: resources/pbx/users/subscriber (the demo consultant: konsultant / konsultant-sip).
// Options: --ws-port N --sip-port N --ctl-port N --rtpengine (media bridge at udp 127.0.0.1:2223).
import { execFileSync, spawn } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({
  options: { 'ws-port': { type: 'string', default: '8088' }, 'sip-port': { type: 'string', default: '5060' }, 'ctl-port': { type: 'string', default: '2049' }, rtpengine: { type: 'boolean' } },
});
try {
  execFileSync('sh', ['-c', 'command -v kamailio'], { stdio: 'ignore' });
} catch {
  process.stderr.write('Kamailio is not installed. On Debian: apt-get install kamailio kamailio-websocket-modules\nThe desk works without it; the softphone then says it cannot reach the PBX.\n');
  process.exit(1);
}
const ws = values['ws-port'];
const sip = values['sip-port'];
const args = [
  '-f', join(root, 'resources/pbx/kamailio.cfg'), '-DD', '-E', '-m', '64', '-M', '8',
  '-l', `udp:127.0.0.1:${sip}`, '-l', `tcp:127.0.0.1:${sip}`, '-l', `tcp:127.0.0.1:${ws}`,
  '-A', `WS_PORT=${ws}`,
  '-A', `USERS_DB="text://${join(root, 'resources/pbx/users')}"`,
  '-A', `CTL_URL="tcp:127.0.0.1:${values['ctl-port']}"`,
  ...(values.rtpengine ? ['-A', 'WITH_RTPENGINE'] : []),
];
process.stdout.write(`demo PBX: ws://127.0.0.1:${ws} (softphone), sip:127.0.0.1:${sip}; Ctrl+C stops it\n`);
const child = spawn('kamailio', args, { stdio: 'inherit' });
const stop = () => child.kill('SIGTERM');
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
child.on('exit', (code) => process.exit(code ?? 0));
