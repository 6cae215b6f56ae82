/* global window, Audio, MediaStream */
// The resident's phone in a test: JsSIP in a plain page, bundled by esbuild (tests/helpers/resident-phone.ts).
// Exposes window.resident; every event is logged with a timestamp for the test to wait on.
import * as JsSIP from 'jssip';

const now = () => performance.timeOrigin + performance.now();
const resident = (window.resident = {
  ua: null,
  sessions: [],
  events: [],
  log(ev, data = {}) {
    resident.events.push({ t: now(), ev, ...data });
  },
  has(ev, index) {
    return resident.events.some((e) => e.ev === ev && (index === undefined || e.s === index));
  },
  count(ev) {
    return resident.events.filter((e) => e.ev === ev).length;
  },
});

function watch(session, originator) {
  const s = resident.sessions.push(session) - 1;
  resident.log('newRTCSession', { s, originator, from: session.remote_identity.uri.toString() });
  const attach = (pc) => {
    pc.addEventListener('track', (e) => {
      const audio = new Audio();
      audio.srcObject = e.streams[0] || new MediaStream([e.track]);
      audio.play().catch(() => {});
      resident.log('remoteTrack', { s });
    });
  };
  if (session.connection) attach(session.connection);
  session.on('peerconnection', (e) => attach(e.peerconnection));
  session.on('icecandidate', (e) => e.ready());
  for (const name of ['progress', 'accepted', 'confirmed', 'hold', 'unhold']) session.on(name, (e) => resident.log(name, { s, originator: e && e.originator }));
  session.on('ended', (e) => resident.log('ended', { s, originator: e.originator, cause: e.cause }));
  session.on('failed', (e) => resident.log('failed', { s, originator: e.originator, cause: e.cause, status: e.message && e.message.status_code }));
  session.on('newDTMF', (e) => e.originator === 'remote' && resident.log('dtmf', { s, tone: e.dtmf.tone }));
  session.on('replaces', (e) => {
    resident.log('replaces', { s });
    e.accept();
  });
  session.on('refer', (e) => {
    resident.log('refer', { s, to: e.request.refer_to.uri.toString() });
    e.accept((next) => {
      resident.log('referCall', { s });
      void next;
    }, { mediaConstraints: { audio: true, video: false }, pcConfig: { iceServers: [] } });
  });
}

resident.start = ({ wsUrl, user, password, domain }) =>
  new Promise((resolve, reject) => {
    JsSIP.debug.disable();
    const ua = new JsSIP.UA({
      sockets: [new JsSIP.WebSocketInterface(wsUrl)],
      uri: `sip:${user}@${domain}`,
      authorization_user: user,
      password,
      display_name: resident.displayName || user,
      register: true,
      session_timers: false,
      connection_recovery_min_interval: 1,
      connection_recovery_max_interval: 2,
    });
    resident.ua = ua;
    resident.domain = domain;
    ua.on('registered', () => {
      resident.log('registered');
      resolve();
    });
    ua.on('registrationFailed', (e) => reject(new Error(`resident registration failed: ${e.cause}`)));
    ua.on('newRTCSession', (e) => {
      watch(e.session, e.originator);
      // The target of an attended transfer: the INVITE with Replaces is answered at once (as desk
      // phones do), and JsSIP ends the replaced call when the new one is confirmed.
      if (e.originator === 'remote' && e.request.hasHeader('Replaces')) {
        resident.log('replacing', { s: resident.sessions.length - 1 });
        e.session.answer({ mediaConstraints: { audio: true, video: false }, pcConfig: { iceServers: [] } });
      }
    });
    ua.start();
  });

resident.call = (target, { displayName, headers = [] } = {}) => {
  resident.ua.call(target.includes('@') ? target : `sip:${target}@${resident.domain}`, {
    mediaConstraints: { audio: true, video: false },
    pcConfig: { iceServers: [] },
    extraHeaders: headers,
    ...(displayName !== undefined ? { fromDisplayName: displayName } : {}),
  });
  return resident.sessions.length - 1;
};
resident.answer = (s) => resident.sessions[s].answer({ mediaConstraints: { audio: true, video: false }, pcConfig: { iceServers: [] } });
resident.hangup = (s) => resident.sessions[s].terminate();
resident.sendDtmf = (s, tones) => resident.sessions[s].sendDTMF(tones, { duration: 100, interToneGap: 70 });
resident.stop = () => resident.ua && resident.ua.stop();
/** The media path of a call is gone (no BYE, no more ICE answers): what a cut network looks like from the far side. */
resident.cutMedia = (s) => resident.sessions[s].connection.close();

/** Inbound audio of a session: packets and total energy (rises only while the far side's microphone sends sound). */
resident.audio = async (s) => {
  const session = resident.sessions[s];
  if (!session || !session.connection) return null;
  const report = await session.connection.getStats();
  let out = null;
  report.forEach((r) => {
    if (r.type === 'inbound-rtp' && r.kind === 'audio') out = { packets: r.packetsReceived || 0, energy: r.totalAudioEnergy || 0, samplesDuration: r.totalSamplesDuration || 0 };
  });
  return out;
};
