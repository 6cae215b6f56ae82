// Tickets (zgłoszenia), catalogue, streets, routing, visits (issue 7). Methods and events are added here.
export const ticketMethods = {} as const;
export const ticketEvents = {} as const;
