// Dates and times as people in a UK setting write them: "3 May 2026", "3 May 2026, 14:05".
// Shown in the tablet's own time zone; stored times stay ISO strings with an offset. Always
// en-GB, whatever the browser's language: the setting is in the UK. Every date a screen shows
// goes through here.
//
// The formatters are made on first use, not when the module loads: this module is in the first
// chunk (the sync bar's "last synced"), and the first Intl object a page makes loads ICU's data,
// 17-29 ms of main thread on a cold start in Chromium, before sign-in could show (decision 0035).
let day: Intl.DateTimeFormat | undefined
let dayTime: Intl.DateTimeFormat | undefined

export function formatDay(iso: string): string {
  day ??= new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric' })
  return day.format(new Date(iso))
}

export function formatDayTime(iso: string): string {
  dayTime ??= new Intl.DateTimeFormat('en-GB', {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  })
  return dayTime.format(new Date(iso))
}
