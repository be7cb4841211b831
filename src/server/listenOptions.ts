// Where the server listens, read from the environment at the edge of the process so that a
// typo in PORT is reported in words instead of crashing deep inside Node.

export type ListenOptions = { port: number; host: string }

export type ListenOptionsResult = { ok: true; value: ListenOptions } | { ok: false; error: string }

export const DEFAULT_PORT = 8080
// All interfaces, so tablets on the setting's network can reach it, not only this machine.
export const DEFAULT_HOST = '0.0.0.0'

export function readListenOptions(env: Record<string, string | undefined>): ListenOptionsResult {
  const host = env.HOST?.trim() || DEFAULT_HOST
  const rawPort = env.PORT?.trim() ?? ''
  if (rawPort === '') return { ok: true, value: { port: DEFAULT_PORT, host } }
  const port = Number(rawPort)
  if (!/^\d+$/.test(rawPort) || port > 65535) {
    return {
      ok: false,
      error: `PORT must be a whole number from 0 to 65535, but it is "${rawPort}". Set it to a free port, for example PORT=8080.`,
    }
  }
  return { ok: true, value: { port, host } }
}

/** The address to print for people: a wildcard host means "this machine" to a browser. */
export function displayUrl(host: string, port: number): string {
  const local = host === '0.0.0.0' || host === '::' ? 'localhost' : host
  const bracketed = local.includes(':') ? `[${local}]` : local
  return `http://${bracketed}:${port}`
}
