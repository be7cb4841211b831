// Dates and times as people in a UK setting write them: "3 May 2026", "3 May 2026, 14:05".
// Shown in the tablet's own time zone; stored times stay ISO strings with an offset.
const DAY = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric' })
const DAY_TIME = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
})

export function formatDay(iso: string): string {
  return DAY.format(new Date(iso))
}

export function formatDayTime(iso: string): string {
  return DAY_TIME.format(new Date(iso))
}
