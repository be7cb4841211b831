// Hands a file to the person as a download from the page itself: nothing is uploaded, and the
// object URL is revoked once the browser has taken the file.
export function downloadFile(fileName: string, parts: BlobPart[], type: string): void {
  const url = URL.createObjectURL(new Blob(parts, { type }))
  const link = document.createElement('a')
  link.href = url
  link.download = fileName
  link.rel = 'noopener'
  document.body.append(link)
  link.click()
  link.remove()
  // The download has started from the click; a tick later the URL is no longer needed.
  setTimeout(() => {
    URL.revokeObjectURL(url)
  }, 0)
}
