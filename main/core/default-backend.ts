import type { Core } from './core';

/**
 * The embedded default: use `url` (the local demo backend) as the backend address, but only when
 * the desk has none configured yet; a city's own address is never replaced.
 */
export async function useBackendIfUnset(core: Core, url: string): Promise<boolean> {
  const current = await core.handle({ kind: 'request', id: 'default-backend-get', method: 'settings.get', params: {} });
  if (!current.ok || (current.result as { backend: { url: string } }).backend.url !== '') return false;
  const updated = await core.handle({ kind: 'request', id: 'default-backend-set', method: 'settings.update', params: { backend: { url } } });
  return updated.ok;
}
