// The city backend's API contract: zod schemas and inferred types, zod alone, shared with the desk.
export * from './errors';
export * from './auth';
export * from './entities';
export * from './sync';
