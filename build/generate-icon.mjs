// Writes build/icon.png (512×512 RGBA): a white warning triangle on a blue rounded square.
// Plain Node (zlib only) so the icon can be regenerated on any machine without image tools:
//   node build/generate-icon.mjs
// electron-builder derives the .ico (Windows) and .icns (macOS) from this one PNG.
import { writeFileSync } from 'node:fs'
import { deflateSync } from 'node:zlib'

const SIZE = 512
const SAMPLES = 4 // per axis: 16 samples a pixel smooth the edges

const background = [29, 78, 216] // blue-700
const foreground = [255, 255, 255]

function insideRoundedSquare(x, y) {
  const margin = 32
  const radius = 96
  const min = margin + radius
  const max = SIZE - margin - radius
  const dx = Math.max(min - x, 0, x - max)
  const dy = Math.max(min - y, 0, y - max)
  return dx * dx + dy * dy <= radius * radius
}

function insideTriangle(x, y) {
  const a = [256, 104]
  const b = [424, 400]
  const c = [88, 400]
  const side = (p, q) => (q[0] - p[0]) * (y - p[1]) - (q[1] - p[1]) * (x - p[0])
  const s1 = side(a, b)
  const s2 = side(b, c)
  const s3 = side(c, a)
  return (s1 >= 0 && s2 >= 0 && s3 >= 0) || (s1 <= 0 && s2 <= 0 && s3 <= 0)
}

function insideExclamationMark(x, y) {
  const inBar = x >= 238 && x <= 274 && y >= 196 && y <= 320
  const inDot = (x - 256) ** 2 + (y - 360) ** 2 <= 20 ** 2
  return inBar || inDot
}

function colourAt(x, y) {
  if (!insideRoundedSquare(x, y)) return null
  if (insideTriangle(x, y) && !insideExclamationMark(x, y)) return foreground
  return background
}

const raw = Buffer.alloc((SIZE * 4 + 1) * SIZE)
for (let y = 0; y < SIZE; y++) {
  const row = y * (SIZE * 4 + 1)
  raw[row] = 0 // PNG filter type: none
  for (let x = 0; x < SIZE; x++) {
    let r = 0
    let g = 0
    let b = 0
    let covered = 0
    for (let sy = 0; sy < SAMPLES; sy++) {
      for (let sx = 0; sx < SAMPLES; sx++) {
        const colour = colourAt(x + (sx + 0.5) / SAMPLES, y + (sy + 0.5) / SAMPLES)
        if (!colour) continue
        r += colour[0]
        g += colour[1]
        b += colour[2]
        covered++
      }
    }
    const offset = row + 1 + x * 4
    if (covered > 0) {
      raw[offset] = Math.round(r / covered)
      raw[offset + 1] = Math.round(g / covered)
      raw[offset + 2] = Math.round(b / covered)
    }
    raw[offset + 3] = Math.round((255 * covered) / (SAMPLES * SAMPLES))
  }
}

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
  return c >>> 0
})
function crc32(bytes) {
  let c = 0xffffffff
  for (const byte of bytes) c = crcTable[(c ^ byte) & 0xff] ^ (c >>> 8)
  return (c ^ 0xffffffff) >>> 0
}
function chunk(type, data) {
  const length = Buffer.alloc(4)
  length.writeUInt32BE(data.length)
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data])
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(body))
  return Buffer.concat([length, body, crc])
}

const header = Buffer.alloc(13)
header.writeUInt32BE(SIZE, 0)
header.writeUInt32BE(SIZE, 4)
header[8] = 8 // bit depth
header[9] = 6 // colour type: RGBA
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk('IHDR', header),
  chunk('IDAT', deflateSync(raw, { level: 9 })),
  chunk('IEND', Buffer.alloc(0)),
])
writeFileSync(new URL('./icon.png', import.meta.url), png)
console.log(`wrote build/icon.png (${png.length} bytes)`)
