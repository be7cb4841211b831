// Dates and times as people in a UK setting write them: "3 May 2026", "3 May 2026, 14:05".
// Shown in the tablet's own time zone; stored times stay ISO strings with an offset. Always
// en-GB, whatever the browser's language: the setting is in the UK. Every date a screen shows
// goes through here.
const DAY = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric' })
const DAY_TIME = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
})

export function formatDay(iso: string): string {
  return DAY.format(new Date(iso))
}

export function formatDayTime(iso: string): string {
  return DAY_TIME.format(new Date(iso))
}
