/**
 * Attachments are whatever someone uploaded, and a blob: URL runs in the desk's own origin: an
 * HTML or SVG file opened from one would run script beside IndexedDB (security incidents
 * included). So the desk shows inline only raster images, whose types cannot carry script, and
 * hands every file to the browser as bytes to save, never in the type its uploader claimed.
 */
export const INLINE_IMAGE_TYPES: ReadonlySet<string> = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'image/avif', 'image/bmp'])

const BYTES_TYPE = 'application/octet-stream'

/** Whether a thumbnail may show this file: a raster image type, never SVG. */
export function isInlineImage(mediaType: string): boolean {
  return INLINE_IMAGE_TYPES.has(mediaType.trim().toLowerCase())
}

/** The blob for a thumbnail: the image as it is when its type is a raster one, else nothing. */
export function inlineImageBlob(blob: Blob | null, mediaType: string): Blob | null {
  return blob && isInlineImage(mediaType) && isInlineImage(blob.type || mediaType) ? blob : null
}

/** The blob a download link points at: the same bytes typed as plain bytes, so opening it in a tab saves it. */
export function downloadBlob(blob: Blob | null): Blob | null {
  if (!blob) return null
  return blob.type === BYTES_TYPE ? blob : new Blob([blob], { type: BYTES_TYPE })
}
