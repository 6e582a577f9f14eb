// Random keys and options, signed by the installed package and by botocore
// (tests/botocore_oracle.py, one Python process for every case) at the same
// pinned instant: the URLs and headers must agree. Seeded: set
// PRESIGNER_SEED to replay a run; PRESIGNER_CASES to change the count.

import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import path from 'node:path'
import { test } from 'node:test'
import { fileURLToPath } from 'node:url'

import { Signer } from 'presigner'

import { assertSameRequest, repoRoot, runCase, toConfig, toOptions } from './helpers.mjs'

const SEED = Number(process.env.PRESIGNER_SEED ?? 20260102)
const COUNT = Number(process.env.PRESIGNER_CASES ?? 300)
const python = process.env.PRESIGNER_PYTHON ?? path.join(repoRoot(), '.venv', 'bin', 'python')
const oracle = path.join(path.dirname(fileURLToPath(import.meta.url)), 'botocore_oracle.py')

/** mulberry32: a small seeded PRNG, uniform in [0, 1). */
function prng(seed) {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const rand = prng(SEED)
const int = (lo, hi) => lo + Math.floor(rand() * (hi - lo + 1)) // inclusive
const pick = (xs) => xs[int(0, xs.length - 1)]
const maybe = (p = 0.5) => rand() < p
const fromSet = (chars, lo, hi) => Array.from({ length: int(lo, hi) }, () => pick(chars)).join('')

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'
const PRINTABLE = Array.from({ length: 94 }, (_, i) => String.fromCharCode(33 + i)).join('') // ! .. ~
const RESERVED = "/ +=&?#%~!'()*,;:@$-._[]{}<>\"\\^`|"

/** One code point: mostly ASCII, with control characters, reserved characters, Latin-1, CJK and emoji. */
function codePoint() {
  const r = rand()
  if (r < 0.35) return pick(ALNUM)
  if (r < 0.55) return pick(RESERVED)
  if (r < 0.62) return String.fromCodePoint(pick([...Array(32).keys(), 127])) // control characters
  if (r < 0.72) return String.fromCodePoint(int(0xa0, 0x24f)) // Latin-1 and Latin Extended
  if (r < 0.8) return String.fromCodePoint(int(0x4e00, 0x9fff)) // CJK
  if (r < 0.9) return String.fromCodePoint(pick([int(0x1f300, 0x1f64f), int(0x1f680, 0x1f6ff), 0x1f9d1, 0x2764, 0xfe0f, 0x200d]))
  return String.fromCodePoint(pick([int(0x80, 0x9f), int(0x2000, 0x2bff), int(0xe000, 0xf8ff), int(0x10000, 0x10ffff)]).valueOf())
}

const utf8Length = (s) => Buffer.byteLength(s, 'utf8')

/** A key of 1..=1024 UTF-8 bytes; sometimes near the limit. */
function key() {
  const target = pick([int(1, 16), int(1, 80), int(200, 400), int(1000, 1024)])
  let k = ''
  for (;;) {
    const c = codePoint()
    if (utf8Length(k + c) > target) break
    k += c
  }
  return k || pick(ALNUM)
}

/** A header value as S3 canonicalises it already: printable ASCII, single inner spaces. */
const headerValue = () => Array.from({ length: int(1, 4) }, () => fromSet(PRINTABLE, 1, 24)).join(' ')
/** Any text without lone surrogates, for query parameters. */
const text = (lo, hi) => Array.from({ length: int(lo, hi) }, codePoint).join('')
const base64 = (bytes) => Buffer.from(Array.from({ length: bytes }, () => int(0, 255))).toString('base64')

const SIGNERS = Array.from({ length: 6 }, (_, i) => ({
  endpoint: pick(['http://127.0.0.1:9000', 'https://acct.r2.cloudflarestorage.com', 'https://s3.eu-west-1.amazonaws.com:8443', 'http://localhost:4566']),
  bucket: pick(['uploads', 'my-bucket-1', 'abc', 'dotted.bucket.name']),
  region: i === 0 ? 'auto' : pick(['auto', 'us-east-1', `${fromSet('abcdefghij', 2, 2)}-${fromSet('abcdefghij', 4, 9)}-${int(1, 9)}`]),
  access_key_id: fromSet(ALNUM, 16, 20),
  secret_access_key: fromSet(`${ALNUM}/+`, 40, 40),
  session_token: maybe(0.3) ? fromSet(`${ALNUM}/+=`, 1, 80) : null,
  path_style: true,
  public_base_url: null,
}))

function putArgs() {
  const args = {}
  if (maybe()) args.content_type = headerValue()
  if (maybe(0.3)) args.content_length = int(0, 5 * 2 ** 30)
  if (maybe(0.2)) args.content_md5 = base64(16)
  if (maybe(0.2)) args.checksum_sha256 = base64(32)
  if (maybe(0.3)) args.cache_control = headerValue()
  if (maybe(0.3)) args.content_disposition = headerValue()
  if (maybe(0.3)) {
    const metadata = {}
    for (let i = int(1, 3); i > 0; i--) {
      const name = fromSet(`${ALNUM}-_`, 1, 12)
      if (!Object.keys(metadata).some((n) => n.toLowerCase() === name.toLowerCase())) metadata[name] = headerValue()
    }
    args.metadata = metadata
  }
  return args
}

function getArgs() {
  const args = {}
  if (maybe(0.3)) args.response_content_type = text(1, 30)
  if (maybe(0.3)) args.response_content_disposition = text(1, 60)
  if (maybe(0.3)) args.response_cache_control = text(1, 30)
  if (maybe(0.3)) args.version_id = maybe() ? fromSet(`${ALNUM}._-`, 1, 32) : text(1, 20)
  return args
}

function randomCase() {
  const op = pick(['presign_put', 'presign_get', 'presign_head', 'presign_delete'])
  const args =
    op === 'presign_put' ? putArgs() : op === 'presign_get' ? getArgs() : maybe(0.3) ? { version_id: fromSet(`${ALNUM}._-`, 1, 32) } : {}
  if (maybe(0.8)) args.expires_in = pick([1, 60, 3600, 604800, int(1, 604800)])
  // Whole seconds between 1970 and 9999, as SigV4 timestamps are.
  args.signing_time = new Date(int(0, 253402300799) * 1000).toISOString().replace('.000Z', 'Z')
  return { signer: pick(SIGNERS), op, key: key(), args }
}

/** botocore's answer for each case, in order. */
function botocore(cases) {
  const run = spawnSync(python, [oracle], { input: JSON.stringify({ cases }), encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 })
  assert.equal(run.status, 0, `${python} ${oracle} failed (run \`make venv\` or node/tests/run.sh):\n${run.error ?? ''}${run.stderr}`)
  const expected = JSON.parse(run.stdout)
  assert.equal(expected.length, cases.length)
  return expected
}

test(`${COUNT} random cases agree with botocore (seed ${SEED})`, () => {
  const cases = Array.from({ length: COUNT }, randomCase)
  const expected = botocore(cases)
  let keysOverLimit = 0
  cases.forEach((c, i) => {
    if (utf8Length(c.key) > 900) keysOverLimit++
    assertSameRequest(runCase(Signer, c.signer, c), expected[i], `case ${i} ${JSON.stringify(c)}`)
  })
  console.log(`botocore: ${cases.length} random cases agree (seed ${SEED}; ${keysOverLimit} keys over 900 bytes)`)
})

test(`presignGetMany of 3,000 random keys (several ~64 KiB strings on the way) agrees with botocore, in order (seed ${SEED})`, () => {
  const signer = pick(SIGNERS)
  const args = { ...getArgs(), expires_in: 3600, signing_time: '2026-01-02T03:04:05Z' }
  const keys = Array.from({ length: 3000 }, key)
  const expected = botocore(keys.map((k) => ({ signer, op: 'presign_get', key: k, args })))
  const many = new Signer(toConfig(signer)).presignGetMany(keys, toOptions(args))
  assert.equal(many.length, keys.length)
  many.forEach((r, i) => assertSameRequest(r, expected[i], `key ${i} ${JSON.stringify(keys[i])}`))
})
