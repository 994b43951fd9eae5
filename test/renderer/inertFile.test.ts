import { describe, expect, it } from 'vitest'
import { downloadBlob, inlineImageBlob, isInlineImage } from '../../src-renderer/attachments/inertFile'

describe('attachments shown by the desk are inert', () => {
  it('should show inline only raster images, never SVG or HTML whatever the file claims', () => {
    expect(['image/png', 'image/jpeg', 'IMAGE/WEBP'].map(isInlineImage)).toEqual([true, true, true])
    expect(['image/svg+xml', 'text/html', 'application/xhtml+xml', 'text/javascript', ''].map(isInlineImage)).toEqual([false, false, false, false, false])
    const photo = new Blob(['png bytes'], { type: 'image/png' })
    expect(inlineImageBlob(photo, 'image/png')).toBe(photo)
    // A file stored as HTML but described as a PNG gets no thumbnail either.
    expect(inlineImageBlob(new Blob(['<script>'], { type: 'text/html' }), 'image/png')).toBeNull()
    expect(inlineImageBlob(new Blob(['<svg onload=alert(1)>'], { type: 'image/svg+xml' }), 'image/svg+xml')).toBeNull()
  })

  it('should hand every file over as plain bytes, so opening its link in a tab saves it instead of running it', async () => {
    const page = new Blob(['<script>alert(document.domain)</script>'], { type: 'text/html' })
    const link = downloadBlob(page)!
    expect(link.type).toBe('application/octet-stream')
    expect(await link.text()).toBe('<script>alert(document.domain)</script>')
    expect(downloadBlob(null)).toBeNull()
  })
})
