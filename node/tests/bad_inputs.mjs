// The bad-input table (tests/vectors/errors.json) for Node: its tagged
// values as JavaScript values, and each row's call run through the installed
// package. Used by errors_table.test.mjs and secrets.test.mjs; the format is
// in tests/vectors/README.md ("The bad-input table").

import { spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

import { attachment, newKey, Signer } from 'presigner'

import { camel, METHODS, repoRoot } from './helpers.mjs'

const TABLE = JSON.parse(readFileSync(path.join(repoRoot(), 'tests', 'vectors', 'errors.json'), 'utf8'))
export const FILE_SIGNER = TABLE.signer
export const ROWS = TABLE.cases
export const ENV_PREFIXES = ['R2_', 'AWS_', 'S3_']
const SECRET_FIELDS = ['secret_access_key', 'session_token']
const SECRET_VARS = ['R2_SECRET_ACCESS_KEY', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN']
const T0 = new Date('2026-01-02T03:04:05Z')
/** Time limit of a row run in a child process (`isolate`), in ms. */
export const ISOLATE_MS = 20_000

/** The row holds a value Node has no equivalent of (bytes in the environment, a lying length). */
export class Inexpressible extends Error {}

/** A tagged `absent`: leave the argument or property out. */
export const ABSENT = Symbol('absent')

/** An object whose toString and Symbol.toPrimitive throw: a binding must not call them. */
function throwing() {
  const fail = () => {
    throw new Error('toString of a test object was called')
  }
  return { toString: fail, [Symbol.toPrimitive]: fail }
}

/** An instance of a class: not a plain object. */
class Meta {
  constructor() {
    this.a = '1'
  }
}

/** Whether `value` is a JSON object that is not a tagged value. */
export function plain(value) {
  return value !== null && typeof value === 'object' && !Array.isArray(value) && !('$' in value)
}

/** A table value as the JavaScript value it stands for (ABSENT: leave it out). */
export function decode(value) {
  if (Array.isArray(value)) return value.map(decode)
  if (value === null || typeof value !== 'object') return value
  if (!('$' in value)) {
    const out = {}
    for (const [k, v] of Object.entries(value)) {
      const d = decode(v)
      if (d !== ABSENT) out[k] = d
    }
    return out
  }
  switch (value.$) {
    case 'none':
      return null
    case 'absent':
      return ABSENT
    case 'nan':
      return NaN
    case 'inf':
      return Infinity
    case '-inf':
      return -Infinity
    case 'bytes':
      return Buffer.from(value.hex, 'hex')
    case 'int':
      return Number(value.value)
    case 'bigint':
      return BigInt(value.value)
    case 'symbol':
      return Symbol('a bad input')
    case 'throwing_tostring':
      return throwing()
    case 'str':
      return 'value' in value ? value.value : String.fromCharCode(...value.utf16.map((u) => parseInt(u, 16)))
    case 'repeat':
      return value.char.repeat(value.count)
    case 'map':
      return new Map(value.entries.map(([k, v]) => [decode(k), decode(v)]))
    case 'object':
      return Object.fromEntries(value.entries.map(([k, v]) => [decode(k), decode(v)]))
    case 'many': {
      const out = {}
      for (let i = 0; i < value.count; i++) out[`${value.name}${i}`] = value.value
      return out
    }
    case 'time':
      return new Date(value.unix * 1000)
    case 'date':
      return new Date(T0)
    case 'instance':
      return new Meta()
    case 'sparse_array': {
      const holes = []
      holes.length = value.length
      return holes
    }
    case 'lying_len':
      throw new Inexpressible('lying_len')
    default:
      throw new Error(`unknown tag ${JSON.stringify(value.$)}`)
  }
}

/** An environment variable's value: a string (process.env cannot hold bytes that are not UTF-8). */
function envValue(value) {
  if (value !== null && typeof value === 'object' && value.$ === 'bytes') throw new Inexpressible('bytes in the environment')
  return decode(value)
}

/** Throws Inexpressible when Node cannot build every value of the row. */
export function checkExpressible(row) {
  for (const name of ['key', 'keys', 'args', 'signer']) if (name in row) decode(row[name])
  for (const value of Object.values(row.env ?? {})) envValue(value)
}

/** `row` with the value at its `invalid` path replaced by `value` (same_as). */
export function withInput(row, value) {
  const out = structuredClone(row)
  const [top, name] = row.invalid.split(/\.(.*)/s)
  if (name === undefined) out[top] = value
  else out[top] = { ...out[top], [name]: value }
  return out
}

/** The row's `new Signer` config: the file's signer with the row's fields, camelCase; or a non-object as it is. */
export function signerConfig(row) {
  const over = row.signer ?? {}
  if (!plain(over)) return decode(over)
  const config = {}
  for (const [name, raw] of Object.entries({ ...FILE_SIGNER, ...over })) {
    if (raw === null) continue // the file's "not set"
    const value = decode(raw)
    if (value !== ABSENT) config[camel(name)] = value
  }
  return config
}

/** The row's `options`: its args, camelCase, signing_time as a Date; or a non-object as it is. */
export function options(row) {
  const args = row.args ?? {}
  if (!plain(args)) return decode(args)
  const out = {}
  for (const [name, raw] of Object.entries(args)) {
    const value = name === 'signing_time' && typeof raw === 'string' ? new Date(raw) : decode(raw)
    if (value !== ABSENT) out[camel(name)] = value
  }
  return out
}

/** The secrets the row's call holds, and the first 16 characters of each long one. */
export function needles(row) {
  const found = []
  if (row.op === 'from_env') {
    for (const name of SECRET_VARS) if (row.env && name in row.env) found.push(decode(row.env[name]))
  } else if (!['new_key', 'attachment'].includes(row.op) && plain(row.signer ?? {})) {
    const merged = { ...FILE_SIGNER, ...(row.signer ?? {}) }
    for (const name of SECRET_FIELDS) found.push(decode(merged[name]))
  }
  const out = []
  for (let secret of found) {
    if (Buffer.isBuffer(secret)) secret = secret.toString('latin1').replace(/[^\x20-\x7e]/g, '')
    if (typeof secret === 'string' && secret !== '') {
      out.push(secret)
      if (secret.length >= 16) out.push(secret.slice(0, 16))
    }
  }
  return out
}

/** Runs `fn` with exactly `env` among the R2_, AWS_ and S3_ variables, restoring them after. */
function withEnvironment(env, fn) {
  const saved = Object.entries(process.env).filter(([k]) => ENV_PREFIXES.some((p) => k.startsWith(p)))
  const clear = () => {
    for (const k of Object.keys(process.env)) if (ENV_PREFIXES.some((p) => k.startsWith(p))) delete process.env[k]
  }
  clear()
  try {
    for (const [name, value] of Object.entries(env)) process.env[name] = envValue(value)
    return fn()
  } finally {
    clear()
    Object.assign(process.env, Object.fromEntries(saved))
  }
}

/** What two accepted calls are compared by. */
export function summary(result) {
  if (Array.isArray(result)) return result.map(summary)
  if (result !== null && typeof result === 'object' && 'url' in result) {
    return { method: result.method, url: result.url, headers: { ...result.headers }, expiresAt: result.expiresAt.getTime() }
  }
  return result
}

const present = (...values) => values.filter((v) => v !== ABSENT)

/** Runs the row's call; returns what it returns, throws what it throws. */
export function call(row) {
  const op = row.op
  if (op === 'new_key') return newKey(...present(options(row)))
  if (op === 'attachment') {
    const o = options(row)
    return plain(row.args) ? attachment(...('filename' in o ? [o.filename] : [])) : attachment(o)
  }
  if (op === 'from_env') {
    const signer = withEnvironment(row.env ?? {}, () => Signer.fromEnv())
    let publicUrl
    try {
      publicUrl = signer.publicUrl(row.key)
    } catch (e) {
      if (e.code !== 'ERR_PRESIGNER_CONFIG') throw e
      publicUrl = e.code
    }
    return [signer.presignGet(row.key, options(row)), publicUrl]
  }
  const signer = new Signer(signerConfig(row))
  if (op === 'presign_get_many') return signer.presignGetMany(...present(decode(row.keys)), options(row))
  const key = decode(row.key)
  if (op === 'public_url') return signer.publicUrl(...present(key))
  const method = METHODS[op]
  if (!method) throw new Error(`unknown op ${op}`)
  return key === ABSENT ? signer[method]() : signer[method](key, options(row))
}

/** An error as plain data. */
export function describe(err) {
  const isError = err instanceof Error
  return {
    name: isError ? err.name : typeof err,
    code: err?.code,
    message: isError ? err.message : String(err),
    isTypeError: err instanceof TypeError,
    isError,
  }
}

/** What the row's call did: { value } or { error, err }, in this process or, for `isolate` rows, in a child. */
export function observe(row) {
  if (row.isolate) return observeInChild(row)
  try {
    return { value: summary(call(row)) }
  } catch (err) {
    return { error: describe(err), err }
  }
}

function observeInChild(row) {
  const here = pathToFileURL(fileURLToPath(import.meta.url)).href
  const script = 'import(process.argv[1]).then((m) => m.child(process.argv[2]))'
  const run = spawnSync(process.execPath, ['-e', script, here, row.id], {
    encoding: 'utf8',
    timeout: ISOLATE_MS,
    maxBuffer: 64 * 1024 * 1024,
  })
  if (run.error?.code === 'ETIMEDOUT') return { error: { name: `no answer within ${ISOLATE_MS / 1000} s`, message: '' } }
  if (run.status !== 0) {
    return { error: { name: `crash (status ${run.status}, signal ${run.signal})`, message: run.stderr.slice(-300) } }
  }
  return JSON.parse(run.stdout.trim().split('\n').pop())
}

/** The child's half of observeInChild: prints what the call did as JSON. */
export function child(id) {
  const row = ROWS.find((r) => r.id === id)
  let out
  try {
    out = { value: summary(call(row)) }
  } catch (err) {
    out = { error: describe(err) }
  }
  console.log(JSON.stringify(out))
}
