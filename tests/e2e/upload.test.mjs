// End-to-end test of the demo upload page (node/examples/web) served by a
// demo server, in headless Chromium driven by playwright-core.
//
//   DEMO_URL=http://127.0.0.1:3000 DEMO_NAME=node node --test tests/e2e/
//
// DEMO_URL: the demo server (page at /, JSON API on the same origin), itself
// in front of an S3-compatible store that verifies signatures and allows the
// page's origin by CORS. DEMO_NAME names the screenshots in artifacts/.
// CHROMIUM_PATH overrides /usr/bin/chromium. Nothing here is skipped: a
// missing browser or DEMO_URL fails the run.
import assert from 'node:assert/strict'
import { createHash, randomBytes } from 'node:crypto'
import { existsSync, mkdirSync } from 'node:fs'
import { createServer } from 'node:http'
import { dirname, join } from 'node:path'
import { after, before, test } from 'node:test'
import { fileURLToPath } from 'node:url'
import { deflateSync } from 'node:zlib'
import { chromium } from 'playwright-core'

const DEMO_URL = process.env.DEMO_URL?.replace(/\/+$/, '')
const DEMO_NAME = process.env.DEMO_NAME || 'demo'
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium'
const ARTIFACTS = join(dirname(fileURLToPath(import.meta.url)), 'artifacts')
const WAIT = 30_000 // every wait on the page
const TEST = { timeout: 90_000 }
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-quic',
  '--disable-sync',
]

let browser
let page // the main page: tests a, b, drop and d share it
const pageErrors = []

const sha256 = (buf) => createHash('sha256').update(buf).digest('hex')

before(async () => {
  assert.ok(DEMO_URL, 'DEMO_URL is not set: start a demo server and run with DEMO_URL=http://127.0.0.1:PORT')
  assert.ok(
    existsSync(CHROMIUM),
    `no Chromium at ${CHROMIUM}: apt-get update && apt-get install -y chromium (or set CHROMIUM_PATH)`,
  )
  let res
  try {
    res = await fetch(`${DEMO_URL}/`, { signal: AbortSignal.timeout(WAIT) })
  } catch (e) {
    assert.fail(`demo server not reachable at DEMO_URL=${DEMO_URL}: ${e.cause?.message ?? e.message}`)
  }
  assert.equal(res.status, 200, `GET ${DEMO_URL}/ answered ${res.status}`)
  assert.match(await res.text(), /presigner demo/, `${DEMO_URL}/ does not serve the demo page (dist/)`)

  // launch() gives every run a fresh temporary profile (user-data dir).
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS })
  page = await newPage('/')
})

after(async () => {
  await browser?.close()
})

async function newPage(path) {
  const context = await browser.newContext({ viewport: { width: 900, height: 800 } })
  const p = await context.newPage()
  p.setDefaultTimeout(WAIT)
  p.on('pageerror', (e) => pageErrors.push(`${path}: ${e.message}`))
  await p.goto(`${DEMO_URL}${path}`)
  await p.getByRole('heading', { name: 'presigner demo' }).waitFor()
  return p
}

/** Picks `files` ({ name, mimeType, buffer }) with the page's labelled file input. */
async function pick(p, ...files) {
  await p.getByLabel('Choose files').setInputFiles(files)
}

/**
 * Waits until the upload of `name` has finished (data-status done or error)
 * and returns { id, status, key, error } of its list item.
 */
async function settled(p, name) {
  const item = p
    .locator('li[data-testid^="upload-"]')
    .filter({ has: p.locator('.name', { hasText: name }) })
    .last()
  await item.waitFor()
  const id = (await item.getAttribute('data-testid')).slice('upload-'.length)
  const done = p.locator(
    `li[data-testid="upload-${id}"]:is([data-status="done"], [data-status="error"])`,
  )
  await done.waitFor()
  const error = p.getByTestId(`error-${id}`)
  return {
    id,
    status: await done.getAttribute('data-status'),
    key: await done.getAttribute('data-key'),
    error: (await error.count()) ? await error.textContent() : null,
  }
}

async function expectUploaded(p, name) {
  const up = await settled(p, name)
  assert.equal(up.status, 'done', `upload of ${name} failed on the page: ${up.error}`)
  assert.ok(up.key, `upload of ${name} has no data-key`)
  // The progress bar, as a screen reader and a person see it.
  const bar = p.getByTestId(`progress-${up.id}`)
  assert.equal(await bar.getAttribute('role'), 'progressbar')
  assert.equal(await bar.getAttribute('aria-valuenow'), '100')
  assert.equal((await p.getByTestId(`percent-${up.id}`).textContent()).trim(), '100%')
  return up
}

/** The download link of `key` in the uploaded-files list, once it has its href. */
async function downloadLink(p, key) {
  const link = p.locator(
    `li[data-testid="file"][data-key=${JSON.stringify(key)}] a[data-testid="download"][href]`,
  )
  await link.waitFor()
  return link
}

/** A small valid RGB PNG (a gradient), so the thumbnail shows something. */
function png(width, height) {
  const table = Array.from({ length: 256 }, (_, n) => {
    for (let k = 0; k < 8; k++) n = n & 1 ? 0xedb88320 ^ (n >>> 1) : n >>> 1
    return n >>> 0
  })
  const crc32 = (buf) => {
    let c = ~0
    for (const b of buf) c = table[(c ^ b) & 0xff] ^ (c >>> 8)
    return ~c >>> 0
  }
  const chunk = (type, data) => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data])
    const out = Buffer.alloc(body.length + 8)
    out.writeUInt32BE(data.length, 0)
    body.copy(out, 4)
    out.writeUInt32BE(crc32(body), body.length + 4)
    return out
  }
  const ihdr = Buffer.alloc(13)
  ihdr.writeUInt32BE(width, 0)
  ihdr.writeUInt32BE(height, 4)
  ihdr[8] = 8 // bit depth
  ihdr[9] = 2 // truecolour RGB
  const raw = Buffer.alloc((1 + 3 * width) * height)
  for (let y = 0; y < height; y++) {
    const row = y * (1 + 3 * width) // filter byte 0, then RGB triples
    for (let x = 0; x < width; x++) {
      raw[row + 1 + 3 * x] = Math.round((255 * x) / width)
      raw[row + 2 + 3 * x] = Math.round((255 * y) / height)
      raw[row + 3 + 3 * x] = 200
    }
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ])
}

/**
 * The file name a Content-Disposition header gives: `filename*=UTF-8''…`
 * (RFC 5987, percent-decoded) when present, else the quoted `filename="…"`.
 */
function dispositionFilename(header) {
  const extended = /filename\*\s*=\s*UTF-8''([^;\s]+)/i.exec(header)
  if (extended) return { form: 'filename*', name: decodeURIComponent(extended[1]) }
  const quoted = /filename\s*=\s*"((?:[^"\\]|\\.)*)"/i.exec(header)
  if (quoted) {
    // fetch hands header bytes over as latin-1: re-read raw UTF-8 as UTF-8.
    const text = quoted[1].replace(/\\(.)/g, '$1')
    return { form: 'filename', name: Buffer.from(text, 'latin1').toString('utf8') }
  }
  return null
}

test('a. a 3 MiB file uploads with progress and downloads byte for byte', TEST, async (t) => {
  const data = randomBytes(3 * 1024 * 1024)
  const name = `random-3MiB-${Date.now()}.bin`
  // Every aria-valuenow the bar takes, to show the progress reporting.
  await page.evaluate(() => {
    window.__progress = []
    new MutationObserver((records) => {
      for (const r of records) window.__progress.push(Number(r.target.getAttribute('aria-valuenow')))
    }).observe(document.body, { subtree: true, attributes: true, attributeFilter: ['aria-valuenow'] })
  })
  // Uploads to loopback finish in one go: throttle them (1 MiB/s) to see the bar move.
  const cdp = await page.context().newCDPSession(page)
  await cdp.send('Network.enable')
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: 0,
    downloadThroughput: -1,
    uploadThroughput: 1024 * 1024,
  })
  let up
  try {
    await pick(page, { name, mimeType: 'application/octet-stream', buffer: data })
    up = await expectUploaded(page, name)
  } finally {
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: 0,
      downloadThroughput: -1,
      uploadThroughput: -1,
    })
    await cdp.detach()
  }
  const seen = await page.evaluate(() => window.__progress)
  t.diagnostic(`progress values seen: ${seen.join(', ')}`)
  assert.ok(
    seen.some((v) => v > 0 && v < 100),
    `the progress bar went straight to 100 % (${seen.join(', ')})`,
  )

  const link = await downloadLink(page, up.key)
  assert.equal(await link.getAttribute('download'), name)
  const res = await fetch(await link.getAttribute('href'))
  assert.equal(res.status, 200, `presigned GET answered ${res.status}: ${await res.clone().text()}`)
  const got = Buffer.from(await res.arrayBuffer())
  assert.equal(got.length, data.length)
  assert.equal(sha256(got), sha256(data), 'downloaded bytes differ from the uploaded ones')
})

test('b. a non-ASCII file name survives: download attribute and Content-Disposition', TEST, async () => {
  const name = 'my photo +1 (ü).png'
  const image = png(32, 32)
  await pick(page, { name, mimeType: 'image/png', buffer: image })
  const up = await expectUploaded(page, name)

  const link = await downloadLink(page, up.key)
  assert.equal(await link.getAttribute('download'), name)
  const res = await fetch(await link.getAttribute('href'))
  assert.equal(res.status, 200, `presigned GET answered ${res.status}: ${await res.clone().text()}`)
  const header = res.headers.get('content-disposition')
  assert.ok(header, 'the presigned GET answered without a Content-Disposition header')
  assert.match(header, /^\s*attachment\s*;/i, `not an attachment: ${header}`)
  const parsed = dispositionFilename(header)
  assert.ok(parsed, `no filename in Content-Disposition: ${header}`)
  assert.equal(parsed.name, name, `Content-Disposition ${parsed.form} names another file: ${header}`)
  assert.equal(sha256(Buffer.from(await res.arrayBuffer())), sha256(image))

  // The thumbnail is the presigned GET too, and the browser can show it.
  const img = page.locator(`li[data-testid="file"][data-key=${JSON.stringify(up.key)}] img`)
  await img.waitFor()
  await page.waitForFunction((el) => el.complete && el.naturalWidth === 32, await img.elementHandle(), {
    timeout: WAIT,
  })
})

test('drag and drop: a dropped file uploads too', TEST, async () => {
  const name = `dropped-${Date.now()}.txt`
  const dataTransfer = await page.evaluateHandle((n) => {
    const dt = new DataTransfer()
    dt.items.add(new File(['dropped on the zone\n'], n, { type: 'text/plain' }))
    return dt
  }, name)
  await page.getByTestId('dropzone').dispatchEvent('drop', { dataTransfer })
  const up = await expectUploaded(page, name)
  await downloadLink(page, up.key)
})

test('c. an expired upload URL gives a readable message', TEST, async () => {
  // A 1-second URL, used 2.5 s after it was signed.
  const expired = await newPage('/?expiresIn=1&delayUploadMs=2500')
  try {
    const name = `late-${Date.now()}.txt`
    await pick(expired, { name, mimeType: 'text/plain', buffer: Buffer.from('too late\n') })
    const up = await settled(expired, name)
    assert.equal(up.status, 'error', 'the upload with an expired URL succeeded')
    assert.match(up.error, /upload link has expired/i)
    // Said in the aria-live status region too.
    assert.match(await expired.getByRole('status').textContent(), /upload link has expired/i)
    mkdirSync(ARTIFACTS, { recursive: true })
    await expired.screenshot({ path: join(ARTIFACTS, `${DEMO_NAME}-expired.png`), fullPage: true })
  } finally {
    await expired.context().close()
  }
})

test('e. two files at once: a tampered signature and a bucket without CORS, in words', TEST, async () => {
  // A server that answers without any CORS header: the browser blocks the PUT.
  const noCors = createServer((req, res) => res.end('no CORS here'))
  await new Promise((resolve) => noCors.listen(0, '127.0.0.1', resolve))
  const p = await newPage('/')
  try {
    // Rewrite the presigned URLs the page gets, by file name.
    await p.route('**/pre-signed-url', async (route) => {
      const { filename } = route.request().postDataJSON()
      const res = await route.fetch()
      const body = await res.json()
      const url = new URL(body.url)
      if (filename.startsWith('tampered')) {
        const sig = url.searchParams.get('X-Amz-Signature')
        url.searchParams.set('X-Amz-Signature', sig.slice(0, -1) + (sig.endsWith('0') ? '1' : '0'))
      } else {
        url.host = `127.0.0.1:${noCors.address().port}`
      }
      await route.fulfill({ response: res, json: { ...body, url: url.href } })
    })
    const stamp = Date.now()
    const tampered = `tampered-${stamp}.txt`
    const blocked = `blocked-${stamp}.txt`
    await pick(
      p,
      { name: tampered, mimeType: 'text/plain', buffer: Buffer.from('one\n') },
      { name: blocked, mimeType: 'text/plain', buffer: Buffer.from('two\n') },
    )
    const bad = await settled(p, tampered)
    assert.equal(bad.status, 'error', 'the upload with a tampered signature succeeded')
    assert.match(bad.error, /signature mismatch/i)
    assert.match(bad.error, /SignatureDoesNotMatch/)
    const cors = await settled(p, blocked)
    assert.equal(cors.status, 'error', 'the upload to a server without CORS succeeded')
    assert.match(cors.error, /blocked by CORS or network error/i)
  } finally {
    await p.context().close()
    noCors.close()
  }
})

test('the API refuses a missing or oversize request with a 400 and a JSON error', TEST, async () => {
  const post = (body) =>
    fetch(`${DEMO_URL}/pre-signed-url`, { method: 'POST', headers: { 'content-type': 'application/json' }, body })
  for (const body of ['{}', 'not json', JSON.stringify({ filename: 'big.bin', contentType: 'application/octet-stream', size: 6 * 1024 ** 3 })]) {
    const resp = await post(body)
    assert.equal(resp.status, 400, body)
    assert.equal(typeof (await resp.json()).error, 'string', body)
  }
  const unknown = await fetch(`${DEMO_URL}/file/${encodeURIComponent('uploads/no-such-key.bin')}`)
  assert.equal(unknown.status, 404)
})

test('d. screenshots of the page after the uploads; no horizontal scroll at phone width', TEST, async () => {
  mkdirSync(ARTIFACTS, { recursive: true })
  const path = join(ARTIFACTS, `${DEMO_NAME}.png`)
  await page.screenshot({ path, fullPage: true })
  assert.ok(existsSync(path))

  await page.setViewportSize({ width: 375, height: 740 })
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
  assert.ok(overflow <= 0, `the page scrolls sideways by ${overflow}px at 375px wide`)
  await page.screenshot({ path: join(ARTIFACTS, `${DEMO_NAME}-phone.png`), fullPage: true })

  assert.deepEqual(pageErrors, [], 'uncaught errors on the page')
})
