// presigner vs @aws-sdk/s3-request-presigner vs aws4fetch vs minio-js: µs per presigned URL.
//
// Run by bench/run.sh, which copies this file into .tmp/bench-node (where
// `npm ci` installed bench/package-lock.json and the presigner tarball) so
// that bare imports resolve there. Writes JSON to argv[2]; bench/report.py
// makes the table. One process; each repetition times every (library,
// operation) pair once, round-robin. Async APIs are awaited one call at a
// time (that is how an HTTP handler uses them), so their numbers include
// the promise round trip. `node bench_node.mjs --parts` runs only the
// upload-parts section and prints its JSON.
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import { fileURLToPath } from 'node:url'

import presignerPkg from 'presigner'
import { S3Client, GetObjectCommand, PutObjectCommand, UploadPartCommand } from '@aws-sdk/client-s3'
import { getSignedUrl } from '@aws-sdk/s3-request-presigner'
import { AwsClient } from 'aws4fetch'
import * as Minio from 'minio'

const { Signer } = presignerPkg
const HERE = path.dirname(fileURLToPath(import.meta.url))

const ENDPOINT = 'https://0123456789abcdef0123456789abcdef.r2.cloudflarestorage.com'
const HOST = ENDPOINT.replace('https://', '')
const REGION = 'auto'
const BUCKET = 'uploads'
const KEY = 'photos/2024/05/cat picture+1.jpg'
const EXPIRES = 3600
const CONTENT_TYPE = 'image/jpeg'
const DISPOSITION = 'attachment; filename="cat picture+1.jpg"'
const ACCESS_KEY = 'AKIDEXAMPLE'
const SECRET_KEY = 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY'

const QUICK = process.env.BENCH_QUICK === '1'
const REPS = QUICK ? 3 : 7
const CALLS = QUICK ? 2000 : 20000
const CALLS_SLOW = QUICK ? 200 : 2000 // getSignedUrl and aws4fetch: 100s of µs per URL
const BATCH = 1000
const BATCH_REPS = QUICK ? 20 : 200
const COLD_RUNS = QUICK ? 5 : 15
const UPLOAD_ID = 'VXBsb2FkIElEIGZvciA2aWWpbmcncyBteS1tb3ZpZS5tMnRzIHVwbG9hZA'
const PARTS = 10000 // S3's most parts per upload: a 50 GB file in 5 MiB parts
const PARTS_REPS = QUICK ? 5 : 21
const PARTS_SDK = QUICK ? 100 : 500 // getSignedUrl signs this many parts per repetition
const OPS = ['get', 'put', 'get_cd']

const log = (...a) => console.error(...a)
const pkgVersion = (name) =>
  JSON.parse(fs.readFileSync(path.join(HERE, 'node_modules', name, 'package.json'), 'utf8')).version

const s3Client = () =>
  new S3Client({
    region: REGION,
    endpoint: ENDPOINT,
    forcePathStyle: true,
    credentials: { accessKeyId: ACCESS_KEY, secretAccessKey: SECRET_KEY },
    requestChecksumCalculation: 'WHEN_REQUIRED',
  })

function makeLibs() {
  const signer = new Signer({ endpoint: ENDPOINT, bucket: BUCKET, accessKeyId: ACCESS_KEY, secretAccessKey: SECRET_KEY, region: REGION })

  const s3 = s3Client()

  const aws = new AwsClient({ accessKeyId: ACCESS_KEY, secretAccessKey: SECRET_KEY, service: 's3', region: REGION })
  // aws4fetch signs a URL you build: the caller encodes the key and sets X-Amz-Expires.
  const objectUrl = () => `${ENDPOINT}/${BUCKET}/${KEY.split('/').map(encodeURIComponent).join('/')}?X-Amz-Expires=${EXPIRES}`
  const cdQuery = `&response-content-disposition=${encodeURIComponent(DISPOSITION)}`

  const minio = new Minio.Client({ endPoint: HOST, useSSL: true, accessKey: ACCESS_KEY, secretKey: SECRET_KEY, region: REGION, pathStyle: true })

  return {
    presigner: {
      version: pkgVersion('presigner'),
      calls: CALLS,
      async: false,
      ops: {
        get: [() => signer.presignGet(KEY, { expiresIn: EXPIRES }).url, ''],
        put: [() => signer.presignPut(KEY, { expiresIn: EXPIRES, contentType: CONTENT_TYPE }).url, ''],
        get_cd: [() => signer.presignGet(KEY, { expiresIn: EXPIRES, responseContentDisposition: DISPOSITION }).url, ''],
      },
    },
    'aws-sdk getSignedUrl': {
      version: pkgVersion('@aws-sdk/s3-request-presigner'),
      calls: CALLS_SLOW,
      async: true,
      ops: {
        get: [() => getSignedUrl(s3, new GetObjectCommand({ Bucket: BUCKET, Key: KEY }), { expiresIn: EXPIRES }), ''],
        put: [
          // By default getSignedUrl leaves content-type unsigned; signableHeaders makes it sign it.
          () =>
            getSignedUrl(s3, new PutObjectCommand({ Bucket: BUCKET, Key: KEY, ContentType: CONTENT_TYPE }), {
              expiresIn: EXPIRES,
              signableHeaders: new Set(['content-type']),
            }),
          '',
        ],
        get_cd: [
          () =>
            getSignedUrl(s3, new GetObjectCommand({ Bucket: BUCKET, Key: KEY, ResponseContentDisposition: DISPOSITION }), {
              expiresIn: EXPIRES,
            }),
          '',
        ],
      },
    },
    aws4fetch: {
      version: pkgVersion('aws4fetch'),
      calls: CALLS_SLOW,
      async: true,
      ops: {
        get: [async () => (await aws.sign(objectUrl(), { method: 'GET', aws: { signQuery: true } })).url, ''],
        put: [
          async () =>
            // content-type is in aws4fetch's UNSIGNABLE_HEADERS unless allHeaders is set.
            (
              await aws.sign(objectUrl(), {
                method: 'PUT',
                headers: { 'content-type': CONTENT_TYPE },
                aws: { signQuery: true, allHeaders: true },
              })
            ).url,
          '',
        ],
        get_cd: [async () => (await aws.sign(objectUrl() + cdQuery, { method: 'GET', aws: { signQuery: true } })).url, ''],
      },
    },
    'minio-js': {
      version: pkgVersion('minio'),
      calls: CALLS,
      async: true,
      ops: {
        get: [() => minio.presignedGetObject(BUCKET, KEY, EXPIRES), ''],
        // presignedPutObject(bucket, object, expiry) takes no content type.
        put: [() => minio.presignedPutObject(BUCKET, KEY, EXPIRES), 'no content type: cannot sign it'],
        get_cd: [() => minio.presignedGetObject(BUCKET, KEY, EXPIRES, { 'response-content-disposition': DISPOSITION }), ''],
      },
    },
  }
}

async function timeCalls(fn, n, isAsync) {
  const t0 = performance.now()
  if (isAsync) for (let i = 0; i < n; i++) await fn()
  else for (let i = 0; i < n; i++) fn()
  return ((performance.now() - t0) * 1e3) / n
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b)
  const m = s.length >> 1
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2
}
const summarize = (xs) => ({ median: median(xs), min: Math.min(...xs), max: Math.max(...xs), samples: xs })

async function benchSingle(libs) {
  for (const [name, lib] of Object.entries(libs)) {
    for (const op of OPS) {
      const fn = lib.ops[op][0]
      const url = await fn()
      if (!url.startsWith(`${ENDPOINT}/${BUCKET}/photos/2024/05/cat`) || !url.includes('X-Amz-Signature=')) {
        throw new Error(`${name} ${op}: unexpected URL ${url}`)
      }
      const signed = new URL(url).searchParams.get('X-Amz-SignedHeaders')
      log(`  ${name.padEnd(20)} ${op.padEnd(6)} SignedHeaders=${signed}`)
      if (op === 'put' && !lib.ops[op][1] && !signed.includes('content-type')) {
        lib.ops[op][1] = 'content type not signed'
      }
      for (let i = 0; i < Math.min(500, lib.calls); i++) await fn()
    }
  }
  const raw = Object.fromEntries(Object.keys(libs).map((n) => [n, Object.fromEntries(OPS.map((op) => [op, []]))]))
  for (let rep = 0; rep < REPS; rep++) {
    for (const op of OPS) {
      for (const [name, lib] of Object.entries(libs)) {
        raw[name][op].push(await timeCalls(lib.ops[op][0], lib.calls, lib.async))
      }
    }
    log(`  rep ${rep + 1}/${REPS}: ` + Object.keys(libs).map((n) => `${n} ${raw[n].get.at(-1).toFixed(2)}`).join(', '))
  }
  return Object.fromEntries(
    Object.entries(libs).map(([name, lib]) => [
      name,
      {
        version: lib.version,
        calls_per_rep: lib.calls,
        reps: REPS,
        async: lib.async,
        ops: Object.fromEntries(OPS.map((op) => [op, { ...summarize(raw[name][op]), note: lib.ops[op][1] }])),
      },
    ]),
  )
}

function benchBatch() {
  const signer = new Signer({ endpoint: ENDPOINT, bucket: BUCKET, accessKeyId: ACCESS_KEY, secretAccessKey: SECRET_KEY, region: REGION })
  const keys = Array.from({ length: BATCH }, (_, i) => `photos/2024/05/cat picture+${i}.jpg`)
  const opts = { expiresIn: EXPIRES }
  const fns = {
    presignGetMany: () => signer.presignGetMany(keys, opts),
    'presignGetMany + .url': () => signer.presignGetMany(keys, opts).map((r) => r.url),
    'loop of presignGet': () => keys.map((k) => signer.presignGet(k, opts).url),
  }
  const a = fns['presignGetMany + .url']()
  const b = fns['loop of presignGet']()
  if (JSON.stringify(a) !== JSON.stringify(b)) throw new Error('presignGetMany and the loop disagree')
  const raw = Object.fromEntries(Object.keys(fns).map((k) => [k, []]))
  for (let i = 0; i < 5; i++) for (const fn of Object.values(fns)) fn()
  for (let i = 0; i < BATCH_REPS; i++) {
    for (const [name, fn] of Object.entries(fns)) {
      const t0 = performance.now()
      fn()
      raw[name].push((performance.now() - t0) * 1e3)
    }
  }
  return { keys: BATCH, reps: BATCH_REPS, unit: 'µs per batch', ...Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, summarize(v)])) }
}

// The UploadPart URLs of all PARTS parts of one upload: one presignUploadParts
// call, a loop of presignUploadPart, and getSignedUrl of an UploadPartCommand
// for parts 1..PARTS_SDK, awaited one at a time (100s of µs per URL: all
// 10,000 would take seconds per repetition). Interleaved per repetition;
// every sample is µs per part URL (wall time ÷ URLs signed).
async function benchParts() {
  const signer = new Signer({ endpoint: ENDPOINT, bucket: BUCKET, accessKeyId: ACCESS_KEY, secretAccessKey: SECRET_KEY, region: REGION })
  const s3 = s3Client()
  const sdkPart = (n) =>
    getSignedUrl(s3, new UploadPartCommand({ Bucket: BUCKET, Key: KEY, UploadId: UPLOAD_ID, PartNumber: n }), { expiresIn: EXPIRES })
  const opts = { expiresIn: EXPIRES }

  // Sanity: the same URLs both ways, and the SDK signs the same request
  // (same path and query but for the instant and the signature; the SDK also
  // adds X-Amz-Content-Sha256=UNSIGNED-PAYLOAD and x-id=UploadPart).
  const at = { signingDate: new Date(Date.UTC(2026, 0, 2, 3, 4, 5)) }
  const all = signer.presignUploadParts(KEY, UPLOAD_ID, PARTS, at)
  if (all.length !== PARTS) throw new Error(`presignUploadParts: ${all.length} URLs`)
  for (const n of [1, 2, PARTS]) {
    if (all[n - 1].url !== signer.presignUploadPart(KEY, UPLOAD_ID, n, at).url) throw new Error(`part ${n} differs`)
  }
  const shape = (url) => {
    const u = new URL(url)
    for (const k of ['X-Amz-Date', 'X-Amz-Signature', 'X-Amz-Credential', 'X-Amz-Content-Sha256', 'x-id']) {
      u.searchParams.delete(k)
    }
    u.searchParams.sort()
    return u.href
  }
  const sdk2 = await sdkPart(2)
  if (shape(all[1].url) !== shape(sdk2)) throw new Error(`getSignedUrl signs another request:\n${all[1].url}\n${sdk2}`)
  log(`  presigner part 2: ${all[1].url.slice(0, 150)}...`)

  const fns = {
    presignUploadParts: [() => signer.presignUploadParts(KEY, UPLOAD_ID, PARTS, opts), PARTS, false],
    'loop of presignUploadPart': [
      () => {
        const urls = []
        for (let n = 1; n <= PARTS; n++) urls.push(signer.presignUploadPart(KEY, UPLOAD_ID, n, opts).url)
        return urls
      },
      PARTS,
      false,
    ],
    'aws-sdk getSignedUrl': [
      async () => {
        const urls = []
        for (let n = 1; n <= PARTS_SDK; n++) urls.push(await sdkPart(n))
        return urls
      },
      PARTS_SDK,
      true,
    ],
  }
  for (const [fn, , isAsync] of Object.values(fns)) isAsync ? await fn() : fn() // warm-up
  const raw = Object.fromEntries(Object.keys(fns).map((k) => [k, []]))
  for (let i = 0; i < PARTS_REPS; i++) {
    for (const [name, [fn, n, isAsync]] of Object.entries(fns)) {
      const t0 = performance.now()
      if (isAsync) await fn()
      else fn()
      raw[name].push(((performance.now() - t0) * 1e3) / n)
    }
  }
  const out = {
    parts: PARTS,
    reps: PARTS_REPS,
    unit: 'µs per part URL',
    urls_per_rep: Object.fromEntries(Object.entries(fns).map(([k, [, n]]) => [k, n])),
    ...Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, summarize(v)])),
  }
  log(
    `  ${PARTS} parts: presignUploadParts ${((out.presignUploadParts.median * PARTS) / 1e3).toFixed(2)} ms` +
      ` (${out.presignUploadParts.median.toFixed(3)} µs/URL); getSignedUrl ${out['aws-sdk getSignedUrl'].median.toFixed(1)} µs/URL`,
  )
  return out
}

const q = JSON.stringify
const COLD = {
  'node -e 0': '0',
  presigner: "require('presigner')",
  'aws-sdk (client-s3 + s3-request-presigner)': "require('@aws-sdk/client-s3'); require('@aws-sdk/s3-request-presigner')",
  aws4fetch: "require('aws4fetch')",
  'minio-js': "require('minio')",
}
const FIRST_URL = {
  presigner: `const { Signer } = require('presigner');
    new Signer({ endpoint: ${q(ENDPOINT)}, bucket: ${q(BUCKET)}, accessKeyId: ${q(ACCESS_KEY)}, secretAccessKey: ${q(SECRET_KEY)}, region: ${q(REGION)} }).presignGet(${q(KEY)}).url`,
  'aws-sdk (client-s3 + s3-request-presigner)': `const { S3Client, GetObjectCommand } = require('@aws-sdk/client-s3');
    const { getSignedUrl } = require('@aws-sdk/s3-request-presigner');
    const c = new S3Client({ region: ${q(REGION)}, endpoint: ${q(ENDPOINT)}, forcePathStyle: true, credentials: { accessKeyId: ${q(ACCESS_KEY)}, secretAccessKey: ${q(SECRET_KEY)} }, requestChecksumCalculation: 'WHEN_REQUIRED' });
    getSignedUrl(c, new GetObjectCommand({ Bucket: ${q(BUCKET)}, Key: ${q(KEY)} }), { expiresIn: 3600 }).then(() => {})`,
  aws4fetch: `const { AwsClient } = require('aws4fetch');
    new AwsClient({ accessKeyId: ${q(ACCESS_KEY)}, secretAccessKey: ${q(SECRET_KEY)}, service: 's3', region: ${q(REGION)} })
      .sign(${q(`${ENDPOINT}/${BUCKET}/photos/2024/05/cat%20picture%2B1.jpg?X-Amz-Expires=3600`)}, { method: 'GET', aws: { signQuery: true } }).then(() => {})`,
  'minio-js': `const Minio = require('minio');
    new Minio.Client({ endPoint: ${q(HOST)}, useSSL: true, accessKey: ${q(ACCESS_KEY)}, secretKey: ${q(SECRET_KEY)}, region: ${q(REGION)}, pathStyle: true })
      .presignedGetObject(${q(BUCKET)}, ${q(KEY)}, 3600).then(() => {})`,
}

function benchCold() {
  const progs = {
    ...Object.fromEntries(Object.entries(COLD).map(([k, v]) => [`require ${k}`, v])),
    ...Object.fromEntries(Object.entries(FIRST_URL).map(([k, v]) => [`first URL ${k}`, v])),
  }
  const run = (code) => {
    const t0 = performance.now()
    const r = spawnSync(process.execPath, ['-e', code], { cwd: HERE, stdio: ['ignore', 'ignore', 'pipe'] })
    const ms = performance.now() - t0
    if (r.status !== 0) throw new Error(`node -e ${code}: ${r.stderr}`)
    return ms
  }
  const raw = Object.fromEntries(Object.keys(progs).map((k) => [k, []]))
  for (const code of Object.values(progs)) run(code) // warm the page cache
  for (let i = 0; i < COLD_RUNS; i++) for (const [name, code] of Object.entries(progs)) raw[name].push(run(code))
  const base = median(raw['require node -e 0'])
  const out = { runs: COLD_RUNS, 'node -e 0 ms': base }
  for (const [name, v] of Object.entries(raw)) {
    if (name !== 'require node -e 0') out[name] = { ms: median(v) - base, min: Math.min(...v) - base, max: Math.max(...v) - base }
  }
  return out
}

async function main() {
  if (process.argv[2] === '--parts') {
    console.log(JSON.stringify(await benchParts(), null, 1))
    return
  }
  const out = process.argv[2]
  const result = { node: process.version, quick: QUICK }
  log('node: single URLs')
  result.single = await benchSingle(makeLibs())
  log('node: batch')
  result.batch = benchBatch()
  log('node: upload parts')
  result.parts = await benchParts()
  log('node: cold start')
  result.cold = benchCold()
  const sizes = {}
  for (const [label, pkgs] of Object.entries({
    presigner: ['presigner'],
    'aws-sdk (client-s3 + s3-request-presigner)': ['@aws-sdk/client-s3', '@aws-sdk/s3-request-presigner'],
    aws4fetch: ['aws4fetch'],
    'minio-js': ['minio'],
  })) {
    // The union of the roots' dependency closures (the SDK's two packages share most of theirs).
    const all = new Map()
    for (const p of pkgs) for (const [real, info] of closure(p)) all.set(real, info)
    const infos = [...all.values()]
    sizes[label] = {
      bytes: infos.reduce((a, i) => a + i.bytes, 0),
      packages: infos.length,
      roots: pkgs.map((p) => `${p}@${pkgVersion(p)}`),
    }
  }
  result.sizes = sizes
  result.versions = Object.fromEntries(
    ['presigner', '@aws-sdk/client-s3', '@aws-sdk/s3-request-presigner', 'aws4fetch', 'minio'].map((n) => [n, pkgVersion(n)]),
  )
  fs.writeFileSync(out, JSON.stringify(result, null, 1))
  log(`node: wrote ${out}`)
}

// A package and everything it depends on (transitively), resolved the way Node
// does (nearest node_modules first): real path -> { name, version, bytes }.
function closure(name) {
  const res = new Map()
  const stack = [path.join(HERE, 'node_modules', name)]
  const dirSize = (dir) => {
    let n = 0
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name)
      if (e.isDirectory()) {
        if (e.name !== 'node_modules') n += dirSize(p)
      } else if (e.isFile()) n += fs.statSync(p).size
    }
    return n
  }
  while (stack.length) {
    const dir = stack.pop()
    const real = fs.realpathSync(dir)
    if (res.has(real)) continue
    const pj = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'))
    res.set(real, { name: pj.name, version: pj.version, bytes: dirSize(dir) })
    for (const dep of Object.keys({ ...pj.dependencies, ...pj.optionalDependencies })) {
      for (let d = dir; ; d = path.dirname(d)) {
        const cand = path.join(d, 'node_modules', dep)
        if (fs.existsSync(path.join(cand, 'package.json'))) {
          stack.push(cand)
          break
        }
        if (d === HERE || !d.startsWith(HERE)) break
      }
    }
  }
  return res
}

await main()
