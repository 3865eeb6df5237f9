// LigdiCash writes its dates in UTC, in a few PostgreSQL/PHP shapes rather than ISO 8601.

const pad = (n: number, width = 2): string => String(n).padStart(width, "0");

/** `2026-04-15 11:19:28`: the token's `start_date`. */
export function formatDateTime(date: Date): string {
  const day = `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
  const time = `${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}`;
  return `${day} ${time}`;
}

/** `2026-04-15 11:19:28+00`: the `date` of confirm and callbacks. */
export function formatZonedDateTime(date: Date): string {
  return `${formatDateTime(date)}+00`;
}

/** `2026-04-15 11:19:28.362000`: `datecreation_customdata`, microsecond precision. */
export function formatMicroDateTime(date: Date): string {
  return `${formatDateTime(date)}.${pad(date.getUTCMilliseconds(), 3)}000`;
}

/** `20260415111928`: the date prefix of a `logfile` value. */
export function formatCompactDateTime(date: Date): string {
  return formatDateTime(date).replace(/[-: ]/g, "");
}
