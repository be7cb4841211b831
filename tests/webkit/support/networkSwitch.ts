// A TCP relay in front of the app server that can cut the network. WebDriver has no offline
// switch (Chromium's tests use Playwright's), so the browser talks to the app through this
// relay; cutting it resets every open connection and every new one, which is what a tablet
// losing its Wi-Fi sees. The relay's address is the app's origin for the whole test, so the
// service worker and IndexedDB it set up stay the same across the cut.
import { connect, createServer, type Socket } from 'node:net'

export type NetworkSwitch = {
  url: string
  cut: () => void
  restore: () => void
  close: () => Promise<void>
}

export async function startNetworkSwitch(target: URL): Promise<NetworkSwitch> {
  const sockets = new Set<Socket>()
  let isCut = false
  const track = (socket: Socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
    socket.on('error', () => socket.destroy())
  }
  const server = createServer((client) => {
    track(client)
    if (isCut) {
      client.resetAndDestroy()
      return
    }
    const upstream = connect(Number(target.port), target.hostname)
    track(upstream)
    client.pipe(upstream)
    upstream.pipe(client)
    client.on('close', () => upstream.destroy())
    upstream.on('close', () => client.destroy())
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  if (address === null || typeof address === 'string') throw new Error('Relay has no TCP port')
  return {
    url: `http://127.0.0.1:${address.port}`,
    cut: () => {
      isCut = true
      for (const socket of sockets) socket.resetAndDestroy()
    },
    restore: () => {
      isCut = false
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
