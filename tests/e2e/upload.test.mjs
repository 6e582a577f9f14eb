// End-to-end test of the demo upload page (node/examples/web) served by a
// demo server, in headless Chromium driven by playwright-core.
//
//   DEMO_URL=http://127.0.0.1:3000 DEMO_NAME=node node --test tests/e2e/
//
// DEMO_URL: the demo server (page at /, JSON API on the same origin), itself
// in front of an S3-compatible store that verifies signatures and allows the
// page's origin by CORS, started with MULTIPART_THRESHOLD=16MiB (the
// multipart tests need it). DEMO_NAME names the screenshots in artifacts/.
// CHROMIUM_PATH overrides /usr/bin/chromium. Nothing here is skipped: a
// missing browser or DEMO_URL fails the run.
import assert from 'node:assert/strict'
import { createHash, randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:http'
import { tmpdir } from 'node:os'
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
const MiB = 1024 * 1024
const THRESHOLD = 16 * MiB // the server's MULTIPART_THRESHOLD for these tests
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
let page // the main page: every test but c and e runs on it
const pageErrors = []
const signed = [] // the body of every POST /s3/sign the main page sent
const tempDirs = [] // pickFromDisk's, removed after the tests

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
  const config = await (await fetch(`${DEMO_URL}/config`)).json()
  assert.equal(config.multipartThreshold, THRESHOLD, 'start the demo server with MULTIPART_THRESHOLD=16MiB')

  // launch() gives every run a fresh temporary profile (user-data dir).
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS })
  page = await newPage('/')
  page.on('request', (r) => {
    if (r.method() === 'POST' && new URL(r.url()).pathname === '/s3/sign') signed.push(r.postDataJSON())
  })
})

after(async () => {
  await browser?.close()
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true })
})

async function newPage(path) {
  const context = await browser.newContext({ viewport: { width: 900, height: 800 } })
  const p = await context.newPage()
  p.setDefaultTimeout(WAIT)
  p.on('pageerror', (e) => pageErrors.push(`${path}: ${e.message}`))
  await p.goto(`${DEMO_URL}${path}`)
  await p.getByRole('heading', { name: 'presigner demo' }).waitFor()
  await p.locator('#file-input:enabled').waitFor({ state: 'attached' }) // Uppy is ready
  return p
}

/** Picks `files` ({ name, mimeType, buffer }) with the page's labelled file input. */
async function pick(p, ...files) {
  await p.getByLabel('Choose files').setInputFiles(files)
}

/**
 * Picks one large file `name` holding `data` from disk: a buffer would cross
 * the DevTools protocol in base64 (seconds for 40 MiB), a path does not.
 * The browser types it from its extension (.bin: application/octet-stream).
 */
async function pickFromDisk(p, name, data) {
  const dir = mkdtempSync(join(tmpdir(), 'presigner-e2e-'))
  tempDirs.push(dir)
  writeFileSync(join(dir, name), data)
  await p.getByLabel('Choose files').setInputFiles(join(dir, name))
}

/**
 * Waits until the upload of `name` has finished (data-status done or error)
 * and returns { id, status, key, error } of its list item.
 */
async function settled(p, name) {
  const item = await uploadItem(p, name)
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

/** The download link of `key` in the uploaded-files list. */
async function downloadLink(p, key) {
  const link = p.locator(
    `li[data-testid="file"][data-key=${JSON.stringify(key)}] a[data-testid="download"][href]`,
  )
  await link.waitFor()
  return link
}

/** GET of a download link (the server redirects to the bucket): the bytes, or a failed assertion. */
async function download(link) {
  const res = await fetch(new URL(await link.getAttribute('href'), DEMO_URL))
  assert.equal(res.status, 200, `download answered ${res.status}: ${await res.clone().text()}`)
  return res
}

/** The list item of the latest upload of `name`, once the page shows it. */
async function uploadItem(p, name) {
  const item = p
    .locator('li[data-testid^="upload-"]')
    .filter({ has: p.locator('.name', { hasText: name }) })
    .last()
  await item.waitFor()
  return item
}

/** Limits the page's uploads to `bytesPerSecond` (loopback finishes in one go); returns the undo. */
async function throttle(p, bytesPerSecond) {
  const cdp = await p.context().newCDPSession(p)
  await cdp.send('Network.enable')
  const set = (uploadThroughput) =>
    cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput })
  await set(bytesPerSecond)
  return async () => {
    await set(-1)
    await cdp.detach()
  }
}

/** POST /s3/sign with `request`, as Uppy's signRequest sends it: { status, body }. */
async function sign(request) {
  const res = await fetch(`${DEMO_URL}/s3/sign`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(request),
  })
  return { status: res.status, body: await res.json() }
}

/** Sends a request signed by /s3/sign with exactly its headers. */
const send = ({ method, url, headers }, body) => fetch(url, { method, headers, body })

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

test('a. a 3 MiB file uploads as one PUT with progress and downloads byte for byte', TEST, async (t) => {
  const data = randomBytes(3 * MiB)
  const name = `random-3MiB-${Date.now()}.bin`
  // Every aria-valuenow the bar takes, to show the progress reporting.
  await page.evaluate(() => {
    window.__progress = []
    new MutationObserver((records) => {
      for (const r of records) window.__progress.push(Number(r.target.getAttribute('aria-valuenow')))
    }).observe(document.body, { subtree: true, attributes: true, attributeFilter: ['aria-valuenow'] })
  })
  const unthrottle = await throttle(page, 4 * MiB) // the bar moves
  let up
  try {
    await pickFromDisk(page, name, data)
    up = await expectUploaded(page, name)
  } finally {
    await unthrottle()
  }
  const seen = await page.evaluate(() => window.__progress)
  t.diagnostic(`progress values seen: ${seen.join(', ')}`)
  assert.ok(
    seen.some((v) => v > 0 && v < 100),
    `the progress bar went straight to 100 % (${seen.join(', ')})`,
  )
  // One signature, for one PutObject: no multipart below the threshold.
  const mine = signed.filter((r) => r.key.endsWith(`-${name}`) || r.key === up.key)
  assert.deepEqual(mine.map(({ key, ...r }) => r), [{ method: 'PUT', contentType: 'application/octet-stream' }])
  assert.match(up.key, /^uploads\/[0-9a-f-]{36}\.bin$/, 'the object is under the key the policy chose')

  const link = await downloadLink(page, up.key)
  assert.equal(await link.getAttribute('download'), name)
  const redirect = await fetch(new URL(await link.getAttribute('href'), DEMO_URL), { redirect: 'manual' })
  assert.equal(redirect.status, 302, 'GET /file/:key redirects to the bucket')
  assert.match(redirect.headers.get('location'), /X-Amz-Signature=/)
  const got = Buffer.from(await (await download(link)).arrayBuffer())
  assert.equal(got.length, data.length)
  assert.equal(sha256(got), sha256(data), 'downloaded bytes differ from the uploaded ones')
  assert.match(await page.locator(`li[data-testid="file"][data-key="${up.key}"] .size`).textContent(), /^3\.0 MiB/)
})

test('b. a non-ASCII file name survives: download attribute and Content-Disposition', TEST, async () => {
  const name = 'my photo +1 (ü).png'
  const image = png(32, 32)
  await pick(page, { name, mimeType: 'image/png', buffer: image })
  const up = await expectUploaded(page, name)

  const link = await downloadLink(page, up.key)
  assert.equal(await link.getAttribute('download'), name)
  const res = await download(link)
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
    // Rewrite the presigned URLs the page gets, by file name (Uppy's key is `<uuid>-<name>`).
    await p.route('**/s3/sign', async (route) => {
      const { key } = route.request().postDataJSON()
      const res = await route.fetch()
      const body = await res.json()
      const url = new URL(body.url)
      if (key.includes('-tampered-')) {
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

test('f. 40 MiB goes up as multipart, pauses, resumes and downloads byte for byte', TEST, async (t) => {
  const data = randomBytes(40 * MiB)
  const name = `multipart-40MiB-${Date.now()}.bin`
  const unthrottle = await throttle(page, 16 * MiB) // time to see it, pause and resume
  let up
  try {
    await pickFromDisk(page, name, data)
    const item = await uploadItem(page, name)
    const id = (await item.getAttribute('data-testid')).slice('upload-'.length)
    const percent = async () => Number(await page.getByTestId(`progress-${id}`).getAttribute('aria-valuenow'))
    // In progress, as multipart: an upload id, and the policy's key.
    await page.locator(`li[data-testid="upload-${id}"][data-status="uploading"]:not([data-upload-id=""])`).waitFor()
    await page.waitForFunction((sel) => Number(document.querySelector(sel).getAttribute('aria-valuenow')) >= 20,
      `[data-testid="progress-${id}"]`, { timeout: WAIT })
    mkdirSync(ARTIFACTS, { recursive: true })
    await page.screenshot({ path: join(ARTIFACTS, `${DEMO_NAME}-multipart.png`), fullPage: true })

    await page.getByRole('button', { name: `Pause ${name}` }).click()
    await page.locator(`li[data-testid="upload-${id}"][data-status="paused"]`).waitFor()
    const atPause = await percent()
    await new Promise((resolve) => setTimeout(resolve, 1000))
    assert.ok((await percent()) <= atPause, 'the upload went on while paused')
    const beforeResume = signed.length
    await page.getByRole('button', { name: `Resume ${name}` }).click()
    up = await expectUploaded(page, name)
    // Resuming asks the bucket which parts it has (ListParts, with their ETags).
    assert.ok(
      signed.slice(beforeResume).some((r) => r.method === 'GET' && r.key === up.key && r.uploadId),
      'resume did not list the parts',
    )
    t.diagnostic(`paused at ${atPause} %`)
  } finally {
    await unthrottle()
  }
  const ops = signed.filter((r) => r.key.endsWith(`-${name}`) || r.key === up.key)
  assert.deepEqual(ops[0], { method: 'POST', key: ops[0].key, contentType: 'application/octet-stream' })
  const parts = new Set(ops.filter((r) => r.partNumber).map((r) => r.partNumber))
  assert.deepEqual([...parts].sort((a, b) => a - b), [1, 2, 3, 4, 5, 6, 7, 8], '40 MiB in 5 MiB parts')
  assert.ok(ops.some((r) => r.method === 'POST' && r.uploadId), 'no CompleteMultipartUpload')

  const link = await downloadLink(page, up.key)
  assert.equal(await link.getAttribute('download'), name)
  const got = Buffer.from(await (await download(link)).arrayBuffer())
  assert.equal(got.length, data.length)
  assert.equal(sha256(got), sha256(data), 'downloaded bytes differ from the uploaded ones')
})

test('g. cancelling a multipart upload aborts it in the bucket', TEST, async () => {
  const name = `cancelled-${Date.now()}.bin`
  const unthrottle = await throttle(page, 2 * MiB)
  let key
  let uploadId
  try {
    await pickFromDisk(page, name, Buffer.alloc(THRESHOLD + 1))
    const item = await uploadItem(page, name)
    await item.and(page.locator('[data-status="uploading"]:not([data-upload-id=""])')).waitFor()
    key = await item.getAttribute('data-key')
    uploadId = await item.getAttribute('data-upload-id')
    await page.getByRole('button', { name: `Cancel ${name}` }).click()
    await item.and(page.locator('[data-status="cancelled"]')).waitFor()
  } finally {
    await unthrottle()
  }
  // Uppy aborts in the background: then the bucket no longer knows the upload id.
  const list = await sign({ method: 'GET', key, uploadId })
  assert.equal(list.status, 200, JSON.stringify(list.body))
  let answer
  for (let i = 0; i < 50; i++) {
    const res = await send(list.body)
    answer = `${res.status} ${await res.text()}`
    if (res.status === 404) break
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  assert.match(answer, /^404 .*<Code>NoSuchUpload<\/Code>/s)
  assert.ok(
    signed.some((r) => r.method === 'DELETE' && r.key === key && r.uploadId === uploadId),
    'the page did not ask to sign AbortMultipartUpload',
  )
})

test('h. a content type outside the policy: 403, and the page says why', TEST, async () => {
  const name = `setup-${Date.now()}.exe`
  await pick(page, { name, mimeType: 'application/x-msdownload', buffer: Buffer.from('MZ') })
  const up = await settled(page, name)
  assert.equal(up.status, 'error', 'the server signed an upload of application/x-msdownload')
  const refused = await sign({ method: 'PUT', key: `x-${name}`, contentType: 'application/x-msdownload' })
  assert.equal(refused.status, 403)
  assert.equal(typeof refused.body.error, 'string')
  assert.equal(up.error, refused.body.error, 'the page shows the server\'s message')
  assert.match(await page.getByRole('status').textContent(), new RegExp(`${name}: `))
})

test('i. /s3/sign: DeleteObject is 403; a second PutObject to the same key is 412', TEST, async () => {
  // From the page's origin, as a script on it would.
  const status = await page.evaluate(async () => {
    const res = await fetch('/s3/sign', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ method: 'DELETE', key: 'uploads/0b7e6a8c-3f1d-4c2e-9a5b-7d8e9f0a1b2c.bin' }),
    })
    return res.status
  })
  assert.equal(status, 403)
  assert.equal((await sign({ method: 'PATCH', key: 'a.bin' })).status, 400)

  // create_only: If-None-Match: * is signed, so the same URL cannot overwrite.
  const put = await sign({ method: 'PUT', key: 'twice.txt', contentType: 'text/plain' })
  assert.equal(put.status, 200, JSON.stringify(put.body))
  assert.equal(put.body.headers['if-none-match'], '*', JSON.stringify(put.body.headers))
  assert.equal((await send(put.body, 'first')).status, 200)
  const second = await send(put.body, 'second')
  assert.equal(second.status, 412, await second.text())
})

test('the API refuses a missing or oversize request with a 400 and a JSON error', TEST, async () => {
  const post = (body) =>
    fetch(`${DEMO_URL}/pre-signed-url`, { method: 'POST', headers: { 'content-type': 'application/json' }, body })
  for (const body of ['{}', 'not json', JSON.stringify({ filename: 'big.bin', contentType: 'application/octet-stream', size: 6 * 1024 ** 3 })]) {
    const resp = await post(body)
    assert.equal(resp.status, 400, body)
    assert.equal(typeof (await resp.json()).error, 'string', body)
  }
  // size is optional: the seed's single PUT still works without it.
  const put = await post(JSON.stringify({ filename: 'seed.txt', contentType: 'text/plain' }))
  assert.equal(put.status, 200)
  assert.equal((await send(await put.json(), 'seed')).status, 200)
  const unknown = await fetch(`${DEMO_URL}/file/${encodeURIComponent('uploads/no-such-key.bin')}`)
  assert.equal(unknown.status, 404)
  assert.equal(typeof (await unknown.json()).error, 'string')
  assert.equal((await sign(null)).status, 400)
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
