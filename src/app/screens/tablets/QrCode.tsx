// A QR code drawn as SVG squares from qrcode-generator's modules: made on the tablet, no image
// from anywhere, nothing inline for the Content-Security-Policy to refuse. Error correction M
// (15%) with a four-module quiet zone, which phone cameras read off a screen.
import qrcode from 'qrcode-generator'
import { useMemo } from 'react'

const QUIET = 4

export function QrCode({ text, label }: { text: string; label: string }) {
  const { size, path } = useMemo(() => {
    const qr = qrcode(0, 'M')
    qr.addData(text)
    qr.make()
    const count = qr.getModuleCount()
    let d = ''
    for (let row = 0; row < count; row++) {
      for (let col = 0; col < count; col++) {
        if (qr.isDark(row, col)) d += `M${col + QUIET} ${row + QUIET}h1v1h-1z`
      }
    }
    return { size: count + QUIET * 2, path: d }
  }, [text])
  return (
    <svg
      className="qr-code"
      viewBox={`0 0 ${size} ${size}`}
      role="img"
      aria-label={label}
      shapeRendering="crispEdges"
    >
      <rect width={size} height={size} fill="#ffffff" />
      <path d={path} fill="#000000" />
    </svg>
  )
}
