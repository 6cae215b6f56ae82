import { create } from 'zustand';
import type { AuthStatus } from '../../../preload/contract';
import { bridge } from '../../bridge';

interface AuthStore {
  /** Null until the core has answered (or when it cannot answer auth.status). */
  auth: AuthStatus | null;
  set(auth: AuthStatus | null): void;
  login(username: string, password: string): Promise<AuthStatus>;
  logout(): Promise<AuthStatus>;
}

/** Who is signed in at the city backend; auth.changed keeps it current. */
export const useAuthStore = create<AuthStore>()((set) => ({
  auth: null,
  set: (auth) => set({ auth }),
  login: async (username, password) => {
    const auth = await bridge().request('auth.login', { username, password });
    set({ auth });
    return auth;
  },
  logout: async () => {
    const auth = await bridge().request('auth.logout', {});
    set({ auth });
    return auth;
  },
}));
