// Which Cache-Control header each file of the built app gets. Only files whose name carries a
// content hash (Vite writes them to assets/) may be cached forever; everything else must be
// revalidated, above all sw.js and index.html: if a browser kept a stale copy of either, the
// tablet would never see an update. Revalidation is cheap because every file has an ETag.

export const IMMUTABLE = 'public, max-age=31536000, immutable'
export const REVALIDATE = 'no-cache'

/** `relativePath` is relative to the dist folder, with forward slashes and no leading slash. */
export function cacheControlFor(relativePath: string): string {
  return relativePath.startsWith('assets/') ? IMMUTABLE : REVALIDATE
}
