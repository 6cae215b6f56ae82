// The bridge contract between renderer (and shell) and core: the only module both sides share.
export * from './envelope';
export * from './errors';
export * from './events';
export * from './methods';
export * from './settings';
export * from './status';
export * from './kb';
export * from './sync';
export * from './calls';
export * from './contacts';
export * from './tickets';
export * from './chats';
export * from './softphone';
export * from './phone-number';
