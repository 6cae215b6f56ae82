import { describe, expect, it } from 'vitest';
import { isPermissionAllowed } from '../../../main/shell/permission-policy';

const app = { appOrigin: 'app://desk' };
const ask = (permission: string, requestingOrigin: string | undefined, mediaTypes?: string[], isMainFrame = true) => ({
  permission,
  requestingOrigin,
  isMainFrame,
  ...(mediaTypes ? { mediaTypes } : {}),
});

describe('permission policy', () => {
  it('grants the microphone to the app origin (URL or bare origin)', () => {
    expect(isPermissionAllowed(ask('media', 'app://desk/index.html', ['audio']), app)).toBe(true);
    expect(isPermissionAllowed(ask('media', 'app://desk', ['audio']), app)).toBe(true);
    expect(isPermissionAllowed(ask('media', 'APP://DESK/', ['audio']), app)).toBe(true);
  });

  it('refuses the camera unless video calling is on', () => {
    expect(isPermissionAllowed(ask('media', 'app://desk/', ['video']), app)).toBe(false);
    expect(isPermissionAllowed(ask('media', 'app://desk/', ['audio', 'video']), app)).toBe(false);
    expect(isPermissionAllowed(ask('media', 'app://desk/', ['audio', 'video']), { ...app, videoCalling: true })).toBe(true);
  });

  it('refuses media to any other origin, however similar', () => {
    for (const origin of ['https://desk', 'app://desk.evil', 'app://evil', 'http://localhost:5173', 'file:///index.html', 'null', '', undefined]) {
      expect(isPermissionAllowed(ask('media', origin, ['audio']), app), String(origin)).toBe(false);
    }
  });

  it('refuses subframes even of the app origin', () => {
    expect(isPermissionAllowed(ask('media', 'app://desk/', ['audio'], false), app)).toBe(false);
  });

  it('allows the dev server origin only when it is the app origin', () => {
    const dev = { appOrigin: 'http://localhost:5173' };
    expect(isPermissionAllowed(ask('media', 'http://localhost:5173/', ['audio']), dev)).toBe(true);
    expect(isPermissionAllowed(ask('media', 'http://localhost:5174/', ['audio']), dev)).toBe(false);
  });

  it('grants notifications to the app and denies everything outside the allow-list', () => {
    expect(isPermissionAllowed(ask('notifications', 'app://desk/'), app)).toBe(true);
    for (const permission of ['geolocation', 'display-capture', 'hid', 'usb', 'serial', 'midiSysex', 'clipboard-read', 'openExternal', 'fileSystem', 'unknown']) {
      expect(isPermissionAllowed(ask(permission, 'app://desk/'), app), permission).toBe(false);
    }
  });
});
