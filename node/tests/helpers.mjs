// Shared by the tests: where the repository is, the installed package,
// vector-style argument conversion, URL comparison and the local S3 server.
// The tests run from a fresh folder that has the `npm pack` tarball
// installed (see run.sh), so `presigner` resolves to what users install.

import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'

const here = path.dirname(fileURLToPath(import.meta.url))
const require = createRequire(import.meta.url)

/** The repository root: $PRESIGNER_REPO (set by run.sh), else found upwards. */
export function repoRoot() {
  if (process.env.PRESIGNER_REPO) return process.env.PRESIGNER_REPO
  for (let dir = here; dir !== path.dirname(dir); dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'tests', 'vectors')) && existsSync(path.join(dir, 'Cargo.toml'))) return dir
  }
  throw new Error('cannot find the repository root; set PRESIGNER_REPO')
}

/** Where `require('presigner')` resolves: must be an installed copy. */
export function installedEntry() {
  return require.resolve('presigner')
}

/** Asserts that `presigner` comes from a node_modules folder (the tarball), not the source tree. */
export function assertInstalled() {
  const entry = installedEntry()
  assert.ok(
    entry.includes(`${path.sep}node_modules${path.sep}presigner${path.sep}`),
    `presigner resolves to ${entry}, not to an installed package: run node/tests/run.sh`,
  )
}

/** snake_case → camelCase, with the one rename between the Python and Node APIs. */
const RENAMES = { signing_time: 'signingDate' }
export function camel(name) {
  return RENAMES[name] ?? name.replace(/_([a-z0-9])/g, (_, c) => c.toUpperCase())
}

/**
 * Vector `args` (snake_case, `signing_time` as an ISO string) → Node options.
 * Only top-level names are converted: metadata names are data.
 */
export function toOptions(args) {
  const out = {}
  for (const [name, value] of Object.entries(args ?? {})) {
    out[camel(name)] = name === 'signing_time' ? new Date(value) : value
  }
  return out
}

/** A vector `signer` (snake_case, nulls for "not set") → `new Signer` config. */
export function toConfig(signer) {
  const out = {}
  for (const [name, value] of Object.entries(signer)) {
    if (value !== null) out[camel(name)] = value
  }
  return out
}

/** Vector op names → Signer method names. */
export const METHODS = {
  presign_put: 'presignPut',
  presign_get: 'presignGet',
  presign_head: 'presignHead',
  presign_delete: 'presignDelete',
  presign_create_multipart_upload: 'presignCreateMultipartUpload',
  presign_upload_part: 'presignUploadPart',
  presign_list_parts: 'presignListParts',
  presign_complete_multipart_upload: 'presignCompleteMultipartUpload',
  presign_abort_multipart_upload: 'presignAbortMultipartUpload',
}

/** The vector args an op takes as positional arguments after the key, in order; the rest are options. */
const POSITIONAL = {
  presign_upload_part: ['upload_id', 'part_number'],
  presign_list_parts: ['upload_id'],
  presign_complete_multipart_upload: ['upload_id'],
  presign_abort_multipart_upload: ['upload_id'],
}

/** Runs one vector-style case ({ signer, op, key, args }) through the Node API. */
export function runCase(Signer, signerConfig, c) {
  const method = METHODS[c.op]
  assert.ok(method, `unknown op ${JSON.stringify(c.op)}`)
  const signer = new Signer(toConfig({ ...signerConfig, ...(c.signer ?? {}) }))
  const options = { ...c.args }
  const positional = (POSITIONAL[c.op] ?? []).map((name) => {
    const value = options[name]
    delete options[name]
    return value
  })
  return signer[method](c.key, ...positional, toOptions(options))
}

/** `[scheme://host/path, sorted query pairs]`, compared as bytes / a multiset. */
function splitUrl(url) {
  const q = url.indexOf('?')
  const base = q < 0 ? url : url.slice(0, q)
  const pairs = q < 0 ? [] : url.slice(q + 1).split('&')
  return [base, pairs.sort()]
}

/**
 * Asserts that `got` (a PresignedRequest) matches `want` ({ method, url,
 * headers, expires_at }): scheme, host and path byte-identical, the same
 * query pairs in any order, equal headers, the same expiry instant.
 */
export function assertSameRequest(got, want, label = '') {
  const [gotBase, gotPairs] = splitUrl(got.url)
  const [wantBase, wantPairs] = splitUrl(want.url)
  assert.equal(gotBase, wantBase, `${label} scheme, host and path`)
  assert.deepEqual(gotPairs, wantPairs, `${label} query pairs`)
  assert.equal(got.method, want.method, `${label} method`)
  assert.deepEqual({ ...got.headers }, want.headers, `${label} headers`)
  if (want.expires_at !== undefined) {
    assert.ok(got.expiresAt instanceof Date, `${label} expiresAt is a Date`)
    assert.equal(got.expiresAt.getTime(), Date.parse(want.expires_at), `${label} expiresAt`)
  }
}

export const S3_ACCESS_KEY = 'AKIDS3SERVER'
export const S3_SECRET_KEY = 'secret/key+for=the-local-server'
export const S3_BUCKET = 'uploads'

/**
 * Starts the local signature-checking S3 server on 127.0.0.1:0 and resolves
 * to { endpoint, stop }. Fails (never skips) when it is not built.
 */
export async function startS3Server() {
  const bin = path.join(repoRoot(), 'tests', 's3server', 'target', 'release', 'presigner-s3server')
  if (!existsSync(bin)) {
    assert.fail(`${bin} is missing: run \`make s3server\` first`)
  }
  const root = mkdtempSync(path.join(tmpdir(), 'presigner-node-s3-'))
  const child = spawn(
    bin,
    ['--addr', '127.0.0.1:0', '--root', root, '--access-key', S3_ACCESS_KEY, '--secret-key', S3_SECRET_KEY, '--bucket', S3_BUCKET],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  )
  const stop = () => {
    child.kill('SIGTERM')
    rmSync(root, { recursive: true, force: true })
  }
  const endpoint = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the S3 server did not start within 20 s')), 20_000)
    child.once('error', reject)
    child.once('exit', (code) => reject(new Error(`the S3 server exited with ${code}`)))
    createInterface({ input: child.stdout }).once('line', (line) => {
      clearTimeout(timer)
      const m = /^listening on (http:\/\/127\.0\.0\.1:\d+)$/.exec(line.trim())
      m ? resolve(m[1]) : reject(new Error(`unexpected first line from the S3 server: ${line}`))
    })
  }).catch((e) => {
    stop()
    throw e
  })
  child.removeAllListeners('exit')
  return { endpoint, stop }
}

/**
 * The local S3 server, started and configured as the environment the
 * examples' `Signer.fromEnv()` (or module-level presign calls) read.
 */
export async function startS3ServerForExamples() {
  const server = await startS3Server()
  Object.assign(process.env, {
    R2_ENDPOINT: server.endpoint,
    R2_BUCKET: S3_BUCKET,
    R2_ACCESS_KEY_ID: S3_ACCESS_KEY,
    R2_SECRET_ACCESS_KEY: S3_SECRET_KEY,
  })
  return server
}

/**
 * Asserts that every non-blank line of the first ```js block after each of
 * `headings` in turn (in the README) is in node/examples/`example`, in order.
 */
export function assertReadmeSnippet(headings, example) {
  const repo = process.env.PRESIGNER_REPO
  assert.ok(repo, 'PRESIGNER_REPO is set by tests/run.sh')
  let text = readFileSync(`${repo}/README.md`, 'utf8')
  for (const heading of headings) text = text.split(heading)[1]
  const snippet = text.split('```js\n')[1].split('```')[0]
  const lines = readFileSync(`${repo}/node/examples/${example}`, 'utf8').split('\n')
  let at = 0
  for (const line of snippet.split('\n').filter((l) => l.trim())) {
    const found = lines.indexOf(line, at)
    assert.ok(found >= 0, `README line not in examples/${example} (in order): ${line}`)
    at = found + 1
  }
}

/** Sends a presigned request with `fetch`: its method, URL and headers, plus `body`. */
export function send(req, body) {
  return fetch(req.url, { method: req.method, headers: req.headers, body })
}

/**
 * Asserts `fn` throws an Error (not a TypeError) with `code` whose message
 * contains every fragment.
 */
export function throwsCode(fn, code, ...fragments) {
  assert.throws(fn, (err) => {
    assert.ok(err instanceof Error && !(err instanceof TypeError), `${err}: a plain Error`)
    assert.equal(err.code, code, err.message)
    for (const f of fragments) assert.ok(err.message.includes(f), `${JSON.stringify(err.message)} holds ${JSON.stringify(f)}`)
    return true
  })
}

/** Asserts `fn` throws a TypeError with code ERR_INVALID_ARG_TYPE whose message contains every fragment. */
export function throwsType(fn, ...fragments) {
  assert.throws(fn, (err) => {
    assert.ok(err instanceof TypeError, `${err}: a TypeError`)
    assert.equal(err.code, 'ERR_INVALID_ARG_TYPE', err.message)
    for (const f of fragments) assert.ok(err.message.includes(f), `${JSON.stringify(err.message)} holds ${JSON.stringify(f)}`)
    return true
  })
}
