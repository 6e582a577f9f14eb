// The README's Large files example (examples/large_files.mjs), driven with
// app.request against the local signature-checking S3 server: the server
// starts and finishes the upload, the "browser" PUTs 20 MiB in parts.

import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { after, before, test } from 'node:test'

import { startS3ServerForExamples } from './helpers.mjs'

let server
let example
before(async () => {
  server = await startS3ServerForExamples()
  example = await import('../examples/large_files.mjs')
})
after(() => server?.stop())

const post = (path, body) =>
  example.app.request(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })

test('a 20 MiB upload in three parts through the example server', async () => {
  const data = randomBytes(20 << 20)
  const started = await post('/multipart/start', { filename: 'film.MP4', contentType: 'video/mp4', size: data.length })
  assert.equal(started.status, 200, await started.clone().text())
  const { key, uploadId, partSize, urls } = await started.json()
  assert.equal(urls.length, 3)
  assert.equal(partSize, 8 << 20)
  const etags = []
  for (const [i, url] of urls.entries()) {
    const res = await fetch(url, { method: 'PUT', body: data.subarray(i * partSize, (i + 1) * partSize) })
    assert.equal(res.status, 200, await res.text())
    etags.push(res.headers.get('etag'))
  }
  const done = await post('/multipart/finish', { key, uploadId, etags })
  assert.equal(done.status, 200, await done.clone().text())
  const got = await fetch(example.signer.presignGet(key).url)
  assert.equal(got.status, 200)
  assert.ok(Buffer.from(await got.arrayBuffer()).equals(data))
  const head = await fetch(example.signer.presignHead(key).url, { method: 'HEAD' })
  assert.equal(head.headers.get('content-type'), 'video/mp4')
  // A finished upload cannot be finished again (the bucket answers NoSuchUpload).
  const retry = await post('/multipart/finish', { key, uploadId, etags })
  assert.equal(retry.status, 500)
})

test("the README's Large files section names the Node calls the example makes", () => {
  const repo = process.env.PRESIGNER_REPO
  assert.ok(repo, 'PRESIGNER_REPO is set by tests/run.sh')
  const readme = readFileSync(`${repo}/README.md`, 'utf8')
  const section = readme.split('## Large files')[1].split('\n## ')[0]
  const snippet = section.split('```js\n')[1].split('```')[0]
  const example = readFileSync(`${repo}/node/examples/large_files.mjs`, 'utf8')
  const code = (text) => text.split('\n').filter((l) => l.trim())
  assert.deepEqual(code(snippet), code(example))
})
