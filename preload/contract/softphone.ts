// Softphone account, SIP secrets and agent-state rules (issue 4). Methods and events are added here.
export const softphoneMethods = {} as const;
export const softphoneEvents = {} as const;
