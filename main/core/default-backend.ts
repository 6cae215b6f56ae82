import type { Core } from './core';

/**
 * The embedded default: use `url` (the local demo backend) as the backend address, but only when
 * the desk has none configured yet; a city's own address is never replaced.
 */
export async function useBackendIfUnset(core: Core, url: string): Promise<boolean> {
  if (!(await backendUnset(core))) return false;
  const updated = await core.handle({ kind: 'request', id: 'default-backend-set', method: 'settings.update', params: { backend: { url } } });
  return updated.ok;
}

/** No backend address in the settings (and the settings can be read). */
export async function backendUnset(core: Core): Promise<boolean> {
  const current = await core.handle({ kind: 'request', id: 'default-backend-get', method: 'settings.get', params: {} });
  return current.ok && (current.result as { backend: { url: string } }).backend.url === '';
}
