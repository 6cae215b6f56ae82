// Polish public holidays: one implementation for the desk's deadlines and the backend's visit slots
// (the backend imports no desk code, so it lives with the backend's common helpers).
export { easterSunday, isPolishHoliday, polishHolidays } from '../../backend/common/polish-holidays';
