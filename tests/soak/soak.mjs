// Soak test of the Node package: many URLs through ONE Signer, flat RSS.
//
//   node tests/soak/soak.mjs [URLS]     # URLS, else $SOAK_URLS, else 2,000,000
//
// Loads `presigner` as resolved from the current directory (run it where the
// npm tarball is installed, as tests/soak/run.sh and node/tests/soak.test.mjs
// do). Signs a realistic mix: presignPut with a content type, metadata and a
// content length; presignGet with responseContentDisposition; presignGetMany
// batches of 100 keys; presignHead (over many signing days, so cached
// signing keys come and go); presignDelete; and calls that throw presigner's
// errors (ERR_PRESIGNER_* and TypeError), which are caught and checked:
// errors allocate exception objects, and leaks hide there. After a warm-up
// ($SOAK_WARMUP URLs, default 100,000) and global.gc(), it reads
// process.memoryUsage().rss, signs URLS more, collects again and reads it
// again. Prints URLs/s and the RSS figures; exits 1 if RSS grew by
// $SOAK_MAX_GROWTH_MIB (default 10) MiB or more.
//
// It runs itself in a child node with FLAGS: --expose-gc, and V8's young
// generation fixed at its default maximum (two 16 MiB semi-spaces). Left to
// itself, V8 starts it at 1 MiB and doubles it while the allocation rate
// stays high, which under this load happens at a random point of the run and
// adds up to ~30 MiB of RSS that is neither a leak nor unbounded; with the
// size fixed, what RSS growth remains is the package's (and V8's old space,
// which is not fixed, so a leak of JavaScript objects still shows).

import { spawnSync } from 'node:child_process'
import { createRequire } from 'node:module'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const FLAGS = ['--expose-gc', '--min-semi-space-size=16', '--max-semi-space-size=16']
if (!FLAGS.every((f) => process.execArgv.includes(f))) {
  const args = [...process.execArgv, ...FLAGS, fileURLToPath(import.meta.url), ...process.argv.slice(2)]
  const child = spawnSync(process.execPath, args, { stdio: 'inherit' })
  process.exit(child.status ?? 1)
}

const BATCH = 100 // keys per presignGetMany
const SINGLES = 25 // rounds of put + get + head + delete per cycle
const ERROR_ROUNDS = 5 // rounds of every error call per cycle
const T0 = Date.UTC(2024, 0, 1)
const DAY_MS = 86_400_000

const require = createRequire(path.join(process.cwd(), 'soak.cjs'))
const presignerPath = require.resolve('presigner')
const { Signer, attachment } = require('presigner')

const rss = () => process.memoryUsage().rss
const mib = (bytes) => `${(bytes / 1048576).toFixed(1)} MiB`

function collect() {
  // Twice: the first full GC may leave work (weak callbacks, finalizers) for the next.
  globalThis.gc()
  globalThis.gc()
}

/** Calls fn, which must throw an instance of `type` with `code`. */
function expect(type, code, label, fn) {
  try {
    fn()
  } catch (e) {
    if (!(e instanceof type) || e.code !== code || !e.message) {
      throw new Error(`${label}: threw ${e?.name} ${e?.code} ${JSON.stringify(e?.message)}, want ${type.name} ${code}`)
    }
    return
  }
  throw new Error(`${label}: did not throw`)
}

function check(ok, what) {
  if (!ok) throw new Error(`unexpected result: ${JSON.stringify(what)}`)
}

/** One round of the mix; returns [URLs signed, errors thrown]. */
function cycle(s, c) {
  const name = `photo ${c} é+1.jpg`
  const disposition = attachment(name)
  // Head requests walk through ten years of signing days, one day per cycle.
  const day = new Date(T0 + (c % 3650) * DAY_MS + (c % 86_400) * 1000)
  const keys = Array.from({ length: BATCH }, (_, j) => `uploads/${c % 1000}/${j}/${name}`)
  let urls = 0
  for (let j = 0; j < SINGLES; j++) {
    const key = keys[j]
    const put = s.presignPut(key, {
      contentType: 'image/jpeg',
      contentLength: 1_000 + j,
      metadata: { owner: `user-${c}`, n: String(j) },
      expiresIn: 600,
    })
    const get = s.presignGet(key, { responseContentDisposition: disposition })
    const head = s.presignHead(key, { signingDate: day })
    const del = s.presignDelete(key, { expiresIn: 300 })
    for (const r of [put, get, head, del]) check(r.url.startsWith('https://') && typeof r.headers === 'object', r)
    check(put.headers['content-type'] === 'image/jpeg' && put.expiresAt.getTime() > T0, put)
    urls += 4
  }
  const batch = s.presignGetMany(keys, { responseContentDisposition: disposition, signingDate: day })
  check(batch.length === BATCH && batch.every((r) => r.url.startsWith('https://')), 'presignGetMany')
  urls += BATCH
  const INVALID = 'ERR_PRESIGNER_INVALID_ARGUMENT'
  let errors = 0
  for (let j = 0; j < ERROR_ROUNDS; j++) {
    const key = keys[j]
    expect(Error, INVALID, 'empty key', () => s.presignGet(''))
    expect(Error, INVALID, 'expiresIn 0', () => s.presignPut(key, { expiresIn: 0 }))
    expect(Error, INVALID, 'expiresIn 604801', () => s.presignGet(key, { expiresIn: 604_801 }))
    expect(Error, INVALID, 'metadata name', () => s.presignPut(key, { metadata: { [`bad name ${c}`]: 'x' } }))
    expect(Error, INVALID, 'empty key in a batch', () => s.presignGetMany([key, '']))
    expect(TypeError, 'ERR_INVALID_ARG_TYPE', 'number key', () => s.presignHead(42))
    expect(TypeError, 'ERR_INVALID_ARG_TYPE', 'string expiresIn', () => s.presignDelete(key, { expiresIn: '60' }))
    expect(Error, 'ERR_PRESIGNER_CONFIG', 'ftp endpoint', () =>
      new Signer({ endpoint: `ftp://h${c}.example`, bucket: 'b', accessKeyId: 'a', secretAccessKey: 's' }),
    )
    errors += 8
  }
  return [urls, errors]
}

/** Cycles from cycle number c until `target` URLs; returns [URLs, errors, next c]. */
function run(s, target, c, samples) {
  let urls = 0
  let errors = 0
  const step = Math.max(Math.floor(target / 10), 1)
  while (urls < target) {
    const [u, e] = cycle(s, c++)
    urls += u
    errors += e
    if (samples && Math.floor(urls / step) !== Math.floor((urls - u) / step)) samples.push(rss())
  }
  return [urls, errors, c]
}

const target = Number(process.argv[2] || process.env.SOAK_URLS || 2_000_000)
const warmup = Number(process.env.SOAK_WARMUP || 100_000)
const limitMib = Number(process.env.SOAK_MAX_GROWTH_MIB || 10)
const signer = new Signer({
  endpoint: 'https://0123456789abcdef0123456789abcdef.r2.cloudflarestorage.com',
  bucket: 'uploads',
  accessKeyId: 'AKIDEXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
  sessionToken: 'token/with+chars=',
})
const version = require('presigner/package.json').version
console.log(`soak (node ${process.version} ${FLAGS.join(' ')}): presigner ${version} from ${presignerPath}`)

let t0 = performance.now()
const [, , c] = run(signer, warmup, 0)
collect()
const before = rss()
const heapBefore = process.memoryUsage()
const warmS = (performance.now() - t0) / 1000

const samples = []
t0 = performance.now()
const [urls, errors] = run(signer, target, c, samples)
const elapsed = (performance.now() - t0) / 1000
collect()
const after = rss()
const heapAfter = process.memoryUsage()

const growth = after - before
const fmt = (n) => Math.round(n).toLocaleString('en-US')
console.log(`warm-up: ${fmt(warmup)} URLs in ${warmS.toFixed(1)} s`)
console.log(`signed ${fmt(urls)} URLs and threw ${fmt(errors)} errors in ${elapsed.toFixed(1)} s: ${fmt(urls / elapsed)} URLs/s`)
console.log(`rss every 10%: ${samples.map(mib).join(', ')}`)
console.log(
  `rss before ${mib(before)}, after ${mib(after)}, growth ${(growth / 1048576).toFixed(2)} MiB` +
    ` (${(growth / urls).toFixed(1)} bytes per URL; limit ${limitMib} MiB)`,
)
console.log(
  `v8 heap: used ${mib(heapBefore.heapUsed)} → ${mib(heapAfter.heapUsed)}, total ${mib(heapBefore.heapTotal)} → ${mib(heapAfter.heapTotal)};` +
    ` outside the heap ${mib(before - heapBefore.heapTotal)} → ${mib(after - heapAfter.heapTotal)}`,
)
if (growth >= limitMib * 1048576) {
  console.error(`FAIL: RSS grew by ${(growth / 1048576).toFixed(2)} MiB signing ${fmt(urls)} URLs`)
  process.exit(1)
}
console.log('soak: ok')
