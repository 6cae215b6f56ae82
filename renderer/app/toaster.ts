/** The desk's one toaster (rendered by App): short confirmations such as "copied". */
export const DESK_TOASTER_ID = 'desk-toaster';
