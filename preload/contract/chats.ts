// Chat panes (issue 8). Methods and events are added here.
export const chatMethods = {} as const;
export const chatEvents = {} as const;
