// Which web permissions a page of the desk gets. Pure (no electron import) so every rule is
// unit-tested; permissions.ts wires it into the session's handlers.
import { isAppOrigin } from './app-origin';

export interface PermissionQuery {
  /** Chromium's permission name, e.g. "media", "notifications", "geolocation". */
  permission: string;
  /** URL or origin of the frame asking. */
  requestingOrigin: string | undefined;
  /** Only the main frame of the app may ask; the desk has no trusted iframes. */
  isMainFrame: boolean;
  /** For "media": what is asked for. An empty or absent list is treated as a check for audio. */
  mediaTypes?: readonly string[];
}

export interface PermissionPolicyOptions {
  /** The app's own origin: app://desk, or the dev server's origin in development. */
  appOrigin: string;
  /** Camera too, once video calling is switched on; off by default. */
  videoCalling?: boolean;
}

/**
 * Permissions the app's own origin may hold, each for a reason; everything else is denied
 * (geolocation, USB, HID, serial, MIDI, clipboard-read, screen capture, …).
 */
const GRANTED_TO_APP = new Set([
  'media', // the softphone's microphone (and camera with video calling), narrowed below
  'notifications', // incoming call and chat notifications
  'speaker-selection', // choosing the speaker and ringer device for calls
  'clipboard-sanitized-write', // copying a ticket number or an address for the caller
]);

export function isPermissionAllowed(query: PermissionQuery, options: PermissionPolicyOptions): boolean {
  if (!query.isMainFrame) return false;
  if (!isAppOrigin(query.requestingOrigin, options.appOrigin)) return false;
  if (!GRANTED_TO_APP.has(query.permission)) return false;
  if (query.permission !== 'media') return true;
  const allowedMedia = options.videoCalling ? ['audio', 'video'] : ['audio'];
  const asked = query.mediaTypes ?? [];
  return asked.every((type) => allowedMedia.includes(type));
}
