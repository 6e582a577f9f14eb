// The Hono quick start (examples/quickstart.mjs), driven with app.request:
// the response has the documented shape, and the URL it hands out really
// uploads to the local signature-checking S3 server.

import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'

import { S3_BUCKET, assertReadmeSnippet, send, startS3ServerForExamples } from './helpers.mjs'

let server
let app
before(async () => {
  // The example's module-level presignPut builds its signer from these on first use.
  server = await startS3ServerForExamples()
  ;({ app } = await import('../examples/quickstart.mjs'))
})
after(() => server?.stop())

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}'

test('POST /pre-signed-url answers { key, method, url, headers } and the upload works', async () => {
  const res = await app.request('/pre-signed-url', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ filename: 'Holiday Cat.JPG', contentType: 'image/jpeg' }),
  })
  assert.equal(res.status, 200)
  const body = await res.json()
  assert.deepEqual(Object.keys(body).sort(), ['headers', 'key', 'method', 'url'])
  assert.match(body.key, new RegExp(`^uploads/${UUID}\\.jpg$`))
  assert.equal(body.method, 'PUT')
  assert.ok(body.url.startsWith(`${server.endpoint}/${S3_BUCKET}/${body.key}?`), body.url)
  assert.match(body.url, /X-Amz-Expires=600&/)
  assert.deepEqual(body.headers, { 'content-type': 'image/jpeg' })

  // What the browser does with it: PUT the file with exactly those headers.
  const file = Buffer.from('not really a jpeg')
  const put = await send(body, file)
  assert.equal(put.status, 200, await put.text())

  // GET /file/:key redirects to a presigned GET of the same bytes.
  const redirect = await app.request(`/file/${body.key}`)
  assert.equal(redirect.status, 302)
  const got = await fetch(redirect.headers.get('location'))
  assert.equal(got.status, 200)
  assert.deepEqual(Buffer.from(await got.arrayBuffer()), file)
})

test('POST /pre-signed-url without a content type signs none', async () => {
  const res = await app.request('/pre-signed-url', { method: 'POST', body: JSON.stringify({ filename: 'notes' }) })
  const body = await res.json()
  assert.match(body.key, new RegExp(`^uploads/${UUID}$`))
  assert.deepEqual(body.headers, {})
  assert.equal((await send(body, 'plain')).status, 200)
})

test("the README's Hono snippet is examples/quickstart.mjs, in order", () => {
  assertReadmeSnippet(['## Node'], 'quickstart.mjs')
})
