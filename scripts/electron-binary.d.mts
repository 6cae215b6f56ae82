// Types of electron-binary.mjs, for the TypeScript tests that use it.
export type ElectronBinary = { available: true; path: string } | { available: false; path: string | null; reason: string };
export function findElectronBinary(options?: { env?: NodeJS.ProcessEnv; platform?: NodeJS.Platform; from?: string }): ElectronBinary;
export function displayProblem(options?: { env?: NodeJS.ProcessEnv; platform?: NodeJS.Platform }): string | null;
