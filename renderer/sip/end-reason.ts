/** Why a call ended, as the softphone names it (the UI and the call log translate it). */
export type CallEndReason =
  | 'hangup_local'
  | 'hangup_remote'
  | 'rejected'
  | 'busy'
  | 'canceled' // the caller hung up while it rang
  | 'no_answer'
  | 'not_found'
  | 'unavailable'
  | 'ice_timeout'
  | 'media_failed'
  | 'transferred'
  | 'auth_failed'
  | 'connection_error'
  | 'failed';
