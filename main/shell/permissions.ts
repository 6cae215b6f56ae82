// Wires permission-policy.ts into a session: the request handler (prompts), the check handler
// (queries such as enumerateDevices' labels) and device access (HID/USB/serial: none).
import type { Session } from 'electron';
import type { ShellLog } from './log';
import { isPermissionAllowed } from './permission-policy';
import type { PermissionPolicyOptions } from './permission-policy';

export function applyPermissionPolicy(session: Session, options: PermissionPolicyOptions, log: ShellLog): void {
  session.setPermissionRequestHandler((_contents, permission, callback, details) => {
    const origin = ('securityOrigin' in details && details.securityOrigin) || details.requestingUrl;
    const mediaTypes = 'mediaTypes' in details ? (details.mediaTypes ?? []) : [];
    const allowed = isPermissionAllowed({ permission, requestingOrigin: origin, isMainFrame: details.isMainFrame, mediaTypes }, options);
    if (!allowed) log.warn('permission refused', { permission, mediaTypes });
    callback(allowed);
  });
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin, details) => {
    const mediaTypes = details.mediaType && details.mediaType !== 'unknown' ? [details.mediaType] : [];
    return isPermissionAllowed(
      { permission, requestingOrigin: details.securityOrigin ?? requestingOrigin, isMainFrame: details.isMainFrame, mediaTypes },
      options,
    );
  });
  session.setDevicePermissionHandler(() => false);
}
