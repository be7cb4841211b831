// Drives the app in WebKit the way the Chromium e2e helpers do (tests/e2e/support): find a
// control by its role and accessible name, as a person or a screen reader would, then click or
// type with real WebDriver input. Every lookup waits for the control to be there and usable.
import { isElementRef, type ElementRef, type Session } from './webDriver.ts'

export type Role =
  'alert' | 'button' | 'heading' | 'img' | 'status' | 'checkbox' | 'textbox' | 'radio'

type NameMatch = { exact: string } | { source: string; flags: string }

function nameMatch(name: string | RegExp): NameMatch {
  return typeof name === 'string' ? { exact: name } : { source: name.source, flags: name.flags }
}

/**
 * In the page: the first visible element of `role` whose accessible name matches, or null.
 * A simplified accessible name (aria-labelledby, aria-label, alt, <label>, text) is enough
 * for this app, whose controls all have plain names.
 */
const FIND_BY_ROLE = `
const [role, match, options] = arguments
const selectors = {
  alert: '[role=alert]',
  button: 'button,[role=button]',
  heading: 'h1,h2,h3,h4,h5,h6,[role=heading]',
  img: 'img,[role=img]',
  status: '[role=status],output',
  checkbox: 'input[type=checkbox],[role=checkbox]',
  textbox: 'input:not([type]),input[type=text],input[type=password],input[type=tel],input[type=search],input[type=number],textarea',
  radio: 'input[type=radio],[role=radio]',
}
const squash = (text) => (text || '').replace(/\\s+/g, ' ').trim()
const nameOf = (el) => {
  const by = el.getAttribute('aria-labelledby')
  if (by) return squash(by.split(/\\s+/).map((id) => document.getElementById(id)?.textContent ?? '').join(' '))
  const label = el.getAttribute('aria-label')
  if (label) return squash(label)
  if (el.tagName === 'IMG') return squash(el.getAttribute('alt'))
  if (el.labels && el.labels.length > 0) return squash(Array.from(el.labels).map((l) => l.textContent).join(' '))
  return squash(el.textContent)
}
const matches = (name) =>
  'exact' in match ? name === match.exact : new RegExp(match.source, match.flags).test(name)
const levelOf = (el) => Number(el.getAttribute('aria-level') || el.tagName.slice(1))
for (const el of document.querySelectorAll(selectors[role])) {
  if (el.closest('[hidden],[aria-hidden=true],[inert]')) continue
  const box = el.getBoundingClientRect()
  const visible = box.width > 0 && box.height > 0 && getComputedStyle(el).visibility !== 'hidden'
  if (!visible && el.tagName !== 'INPUT') continue
  if (options.level !== undefined && levelOf(el) !== options.level) continue
  if (options.enabled && (el.disabled || el.getAttribute('aria-disabled') === 'true')) continue
  if (options.within !== undefined && el.closest(options.within) === null) continue
  if (options.text !== undefined && !new RegExp(options.text.source, options.text.flags).test(squash(el.textContent))) continue
  if (matches(nameOf(el))) return el
}
return null
`

export type FindOptions = {
  level?: number
  /** Only a control that can be used now (not disabled). */
  enabled?: boolean
  /** The element's text must match (a status's changing message). */
  text?: RegExp
  /** Only inside an element matching this CSS selector. */
  within?: string
  timeoutMs?: number
}

export class WebKitPage {
  constructor(readonly session: Session) {}

  async find(role: Role, name: string | RegExp, options: FindOptions = {}): Promise<ElementRef> {
    const { timeoutMs, text, ...rest } = options
    const found = await this.session.waitFor(
      FIND_BY_ROLE,
      [role, nameMatch(name), { ...rest, text: text && nameMatch(text) }],
      { what: `${role} "${String(name)}"${text ? ` with text ${String(text)}` : ''}`, timeoutMs },
    )
    if (!isElementRef(found)) throw new Error(`${role} "${String(name)}": not an element`)
    return found
  }

  /** Whether such an element is there right now (no waiting). */
  async click(role: Role, name: string | RegExp, options: FindOptions = {}): Promise<void> {
    const element = await this.find(role, name, { ...options, enabled: true })
    await this.session.click(element)
  }

  async fill(name: string | RegExp, text: string): Promise<void> {
    const element = await this.find('textbox', name, { enabled: true })
    await this.session.clear(element)
    await this.session.type(element, text)
  }

  async check(name: string | RegExp): Promise<void> {
    const element = await this.find('checkbox', name, { enabled: true })
    if ((await this.session.execute('return arguments[0].checked', [element])) !== true) {
      await this.session.click(element)
    }
    await this.session.waitFor('return arguments[0].checked', [element], {
      what: `checkbox "${String(name)}" to be ticked`,
    })
  }

  /**
   * Runs `fn` in the page with `args` (JSON values) and returns its (awaited) result. `fn` must
   * be self-contained: it is sent as source text.
   */
  async evaluate<A extends unknown[], T>(
    fn: (...args: A) => T | Promise<T>,
    ...args: A
  ): Promise<T> {
    const script = `
const done = arguments[arguments.length - 1]
Promise.resolve()
  .then(() => (${fn.toString()})(...Array.from(arguments).slice(0, -1)))
  .then((value) => done({ value }), (error) => done({ error: String(error && error.stack || error) }))`
    const result = (await this.session.executeAsync(script, args)) as { value?: T; error?: string }
    if (result.error !== undefined) throw new Error(`In WebKit: ${result.error}`)
    return result.value as T
  }

  /**
   * Reloads the page and waits for the new document. Started from the page rather than by
   * WebDriver's Refresh, whose wait for the load event can outlast a load with the network cut
   * (a request the browser keeps retrying); what matters is the new page, which is waited for.
   */
  async reload(): Promise<void> {
    await this.session.execute(
      'window.__beforeReload = true; setTimeout(() => location.reload(), 0)',
    )
    await this.session.waitFor(
      'return window.__beforeReload === undefined && document.readyState !== "loading"',
      [],
      { what: 'the page to reload', timeoutMs: 90_000 },
    )
  }

  /** Waits until a service worker controls the page (the first visit, via clientsClaim). */
  async waitForServiceWorkerControl(): Promise<void> {
    await this.session.waitFor('return navigator.serviceWorker.controller !== null', [], {
      what: 'a service worker to control the page',
      timeoutMs: 90_000,
    })
  }
}
