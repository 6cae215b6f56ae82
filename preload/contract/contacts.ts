// Contacts, caller card and history (issue 5). Methods and events are added here.
export const contactMethods = {} as const;
export const contactEvents = {} as const;
