/**
 * For tests: a TCP proxy in front of PostgreSQL that can play a database going away (every
 * connection cut, new ones refused) and coming back, without touching the shared server.
 */
import { createServer, connect, type Socket } from 'node:net'

export interface TcpProxy {
  port: number
  /** Cuts every connection and refuses new ones until `restore`. */
  cut: () => void
  restore: () => void
  close: () => Promise<void>
}

export async function tcpProxy(targetHost: string, targetPort: number): Promise<TcpProxy> {
  const sockets = new Set<Socket>()
  let away = false
  const track = (socket: Socket) => {
    sockets.add(socket)
    socket.on('error', () => undefined)
    socket.once('close', () => sockets.delete(socket))
  }
  const server = createServer((client) => {
    if (away) {
      client.destroy()
      return
    }
    const upstream = connect(targetPort, targetHost)
    track(client)
    track(upstream)
    client.pipe(upstream)
    upstream.pipe(client)
    client.once('close', () => upstream.destroy())
    upstream.once('close', () => client.destroy())
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  const port = typeof address === 'object' && address !== null ? address.port : 0
  return {
    port,
    cut: () => {
      away = true
      for (const socket of sockets) socket.destroy()
    },
    restore: () => {
      away = false
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy()
        server.close(() => {
          resolve()
        })
      }),
  }
}
