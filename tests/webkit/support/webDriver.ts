// A small W3C WebDriver client over fetch: just the commands the WebKit flows use (session,
// navigate, find, click, type, run a script, screenshot). The protocol is HTTP + JSON, so this
// avoids a dependency (selenium-webdriver) for a few dozen lines.
//
// Every wait here waits for a state (polled), never for a fixed time; each has a generous
// budget because WebKit on a loaded 2-core machine can be slow.

/** The W3C key that marks a JSON object as a reference to an element of the page. */
export const ELEMENT_KEY = 'element-6066-11e4-a52e-4f735466cecf'

export type ElementRef = { [ELEMENT_KEY]: string }

export class WebDriverError extends Error {
  constructor(
    readonly command: string,
    readonly code: string,
    message: string,
  ) {
    super(`${command}: ${code}: ${message}`)
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null
}

export function isElementRef(value: unknown): value is ElementRef {
  return isRecord(value) && typeof value[ELEMENT_KEY] === 'string'
}

/** One command: `path` is relative to the driver; the answer's `value`, or a WebDriverError. */
export async function command(
  driverUrl: string,
  method: 'GET' | 'POST' | 'DELETE',
  path: string,
  body?: unknown,
): Promise<unknown> {
  const response = await fetch(`${driverUrl}${path}`, {
    method,
    headers: { 'content-type': 'application/json; charset=utf-8' },
    body: method === 'POST' ? JSON.stringify(body ?? {}) : undefined,
    // A command that hangs fails naming itself (and a wait asks again) instead of the test
    // failing on its own budget with no word on where; longer than any script's own timeout.
    signal: AbortSignal.timeout(150_000),
  })
  const text = await response.text()
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch {
    throw new WebDriverError(`${method} ${path}`, `http ${response.status}`, text.slice(0, 300))
  }
  const value = isRecord(parsed) ? parsed.value : undefined
  if (!response.ok) {
    const error = isRecord(value) ? value : {}
    throw new WebDriverError(
      `${method} ${path}`,
      typeof error.error === 'string' ? error.error : `http ${response.status}`,
      typeof error.message === 'string' ? error.message : text.slice(0, 300),
    )
  }
  return value
}

export type WaitOptions = { timeoutMs?: number; what: string }

export const DEFAULT_WAIT_MS = 60_000

/** A session: one browser window driven by the WebDriver commands this suite needs. */
export class Session {
  constructor(
    readonly driverUrl: string,
    readonly id: string,
  ) {}

  static async create(driverUrl: string, capabilities: Record<string, unknown>): Promise<Session> {
    const value = await command(driverUrl, 'POST', '/session', {
      capabilities: { alwaysMatch: capabilities },
    })
    if (!isRecord(value) || typeof value.sessionId !== 'string') {
      throw new Error(`New session: no session id in ${JSON.stringify(value)}`)
    }
    const session = new Session(driverUrl, value.sessionId)
    await session.send('POST', '/timeouts', { script: 120_000, pageLoad: 120_000, implicit: 0 })
    return session
  }

  send(method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown): Promise<unknown> {
    return command(this.driverUrl, method, `/session/${this.id}${path}`, body)
  }

  async navigate(url: string): Promise<void> {
    await this.send('POST', '/url', { url })
  }

  async refresh(): Promise<void> {
    await this.send('POST', '/refresh')
  }

  async setWindowSize(width: number, height: number): Promise<void> {
    await this.send('POST', '/window/rect', { width, height })
  }

  /** Runs `script` (a function body; `arguments` are `args`) in the page and returns its value. */
  execute(script: string, args: unknown[] = []): Promise<unknown> {
    return this.send('POST', '/execute/sync', { script, args })
  }

  /** As `execute`, for a script that calls `arguments[arguments.length - 1]` with its result. */
  executeAsync(script: string, args: unknown[] = []): Promise<unknown> {
    return this.send('POST', '/execute/async', { script, args })
  }

  async click(element: ElementRef): Promise<void> {
    await this.send('POST', `/element/${element[ELEMENT_KEY]}/click`)
  }

  async clear(element: ElementRef): Promise<void> {
    await this.send('POST', `/element/${element[ELEMENT_KEY]}/clear`)
  }

  async type(element: ElementRef, text: string): Promise<void> {
    await this.send('POST', `/element/${element[ELEMENT_KEY]}/value`, { text })
  }

  /** The page as a PNG. */
  async screenshot(): Promise<Buffer> {
    const value = await this.send('GET', '/screenshot')
    if (typeof value !== 'string') throw new Error('Screenshot: no image in the answer')
    return Buffer.from(value, 'base64')
  }

  /**
   * Polls `script` until it returns something other than null, undefined or false, and returns
   * that. A script that throws (the page is mid-navigation) is simply asked again. On timeout
   * the error names what was awaited and shows the start of the page's text.
   */
  async waitFor(script: string, args: unknown[], options: WaitOptions): Promise<unknown> {
    const deadline = Date.now() + (options.timeoutMs ?? DEFAULT_WAIT_MS)
    let lastError = ''
    for (;;) {
      try {
        const value = await this.execute(script, args)
        if (value !== null && value !== undefined && value !== false) return value
        lastError = ''
      } catch (error) {
        lastError = error instanceof Error ? error.message : String(error)
      }
      if (Date.now() > deadline) {
        const alerts = 'Array.from(document.querySelectorAll("[role=alert]"), (a) => a.innerText)'
        const text = await this.execute(
          `return "Alerts: " + JSON.stringify(${alerts}) + "\\n" + document.body.innerText`,
        )
          .then((t) => (typeof t === 'string' ? t.slice(0, 1500) : ''))
          .catch(() => '(page text unavailable)')
        throw new Error(
          `WebKit: timed out waiting for ${options.what}.${lastError ? ` Last error: ${lastError}.` : ''} Page text:\n${text}`,
        )
      }
      await new Promise((resolve) => setTimeout(resolve, 150))
    }
  }

  async delete(): Promise<void> {
    await this.send('DELETE', '')
  }
}
