// The README's Uppy quick start for Hono (examples/uppy_quickstart.mjs),
// driven with app.request against the local signature-checking S3 server:
// what Uppy asks to sign is signed, uploads, and cannot overwrite; what the
// policy forbids is a JSON error with its status.

import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'

import { assertReadmeSnippet, send, startS3ServerForExamples } from './helpers.mjs'

let server
let app
before(async () => {
  server = await startS3ServerForExamples()
  ;({ app } = await import('../examples/uppy_quickstart.mjs'))
})
after(() => server?.stop())

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}'
const sign = (body) =>
  app.request('/s3/sign', { method: 'POST', headers: { 'content-type': 'application/json' }, body })

test('PutObject: signed under a new key, uploads once, and a replay is 412', async () => {
  const res = await sign(JSON.stringify({ method: 'PUT', key: '0b1c-cat.JPG', contentType: 'image/jpeg' }))
  assert.equal(res.status, 200)
  const signed = await res.json()
  assert.equal(signed.method, 'PUT')
  assert.match(signed.key, new RegExp(`^uploads/${UUID}\\.jpg$`))
  assert.deepEqual(signed.headers, { 'content-type': 'image/jpeg', 'if-none-match': '*' })

  const put = await send(signed, 'jpeg bytes')
  assert.equal(put.status, 200, await put.text())
  const again = await send(signed, 'other bytes')
  assert.equal(again.status, 412)
  assert.match(await again.text(), /<Code>PreconditionFailed<\/Code>/)
})

test('refusals are JSON errors with their status', async () => {
  const key = 'uploads/0b7e6a8c-3f1d-4c2e-9a5b-7d8e9f0a1b2c.jpg'
  for (const [request, status] of [
    [{ method: 'PUT', key: 'page.html', contentType: 'text/html' }, 403],
    [{ method: 'POST', key: 'movie.mp4' }, 403], // contentTypes set: a type is needed
    [{ method: 'DELETE', key }, 403],
    [{ method: 'GET', key: '../etc/passwd', uploadId: 'x' }, 403],
    [{ method: 'PUT', key, uploadId: 'x', partNumber: 0 }, 400],
    [{ method: 'PATCH', key }, 400],
  ]) {
    const res = await sign(JSON.stringify(request))
    assert.equal(res.status, status, JSON.stringify(request))
    assert.equal(typeof (await res.json()).error, 'string')
  }
  assert.equal((await sign('not json')).status, 400)
})

test("the README's Uppy Hono snippet is examples/uppy_quickstart.mjs, in order", () => {
  assertReadmeSnippet(['## Uppy', '### Node (Hono)'], 'uppy_quickstart.mjs')
})
