/**
 * Content types for what Vite emits into the renderer build. Served with `nosniff`, so a wrong
 * type breaks loading: Chromium refuses a module script that is not served as JavaScript.
 */
const MIME_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.wasm': 'application/wasm',
}

/** Unknown types are served as opaque bytes, never guessed. */
export const FALLBACK_MIME_TYPE = 'application/octet-stream'

/** MIME type for a file path, from its extension (case-insensitive). */
export function mimeTypeFor(filePath: string): string {
  const dot = filePath.lastIndexOf('.')
  const slash = Math.max(filePath.lastIndexOf('/'), filePath.lastIndexOf('\\'))
  if (dot <= slash) return FALLBACK_MIME_TYPE
  return MIME_TYPES[filePath.slice(dot).toLowerCase()] ?? FALLBACK_MIME_TYPE
}
