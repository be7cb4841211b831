// The enrol link the Tablets screen shows as a QR code: the server's address with the one-time
// code (`https://server/?enrol=ABCDE-FGHJK`). An iPad's camera opens it; the app takes the code
// from the address at start, removes it from the address bar (so it is not bookmarked or
// shared), and the enrol form on "This tablet" fills it in.
import { CODE_ALPHABET, CODE_LENGTH, normaliseCode } from '../../protocol/index.ts'

export const ENROL_PARAM = 'enrol'

let pending: string | null = null

export function enrolLink(serverUrl: string, code: string): string {
  const url = new URL(serverUrl)
  url.pathname = '/'
  url.search = new URLSearchParams({ [ENROL_PARAM]: code }).toString()
  url.hash = ''
  return url.toString()
}

/** Reads and removes `?enrol=` from the page's address; keeps a well-formed code for the form. */
export function takeEnrolCodeFromAddress(): void {
  if (typeof location === 'undefined') return
  const url = new URL(location.href)
  const raw = url.searchParams.get(ENROL_PARAM)
  if (raw === null) return
  url.searchParams.delete(ENROL_PARAM)
  history.replaceState(history.state, '', url.pathname + url.search + url.hash)
  pending = wellFormed(raw)
}

/** The code that came with the link, if any, as the form shows it (XXXXX-XXXXX). */
export function pendingEnrolCode(): string | null {
  return pending
}

export function clearPendingEnrolCode(): void {
  pending = null
}

function wellFormed(raw: string): string | null {
  const code = normaliseCode(raw)
  if (code.length !== CODE_LENGTH) return null
  if (!new RegExp(`^[${CODE_ALPHABET}]+$`).test(code)) return null
  return `${code.slice(0, 5)}-${code.slice(5)}`
}
