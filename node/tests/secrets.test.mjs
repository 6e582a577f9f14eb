// No printable form of an error or a signer shows the secret key or the
// session token: every failing row of the bad-input table
// (tests/vectors/errors.json) runs with secrets of this file's own, and the
// error is looked at as err.message, err.stack, util.inspect and
// JSON.stringify; every signer the rows build, through util.inspect with
// showHidden and JSON.stringify.

import assert from 'node:assert/strict'
import { test } from 'node:test'
import { inspect } from 'node:util'

import { Signer } from 'presigner'

import { needles, observe, plain, ROWS, signerConfig } from './bad_inputs.mjs'

const SECRET = 'JsSeCrEt/never+shown=wJalrXUtnFEMI'
const TOKEN = 'JsToKeN/never+shown=FwoGZXIvYXdzEB'
const SURROGATE_SECRET = 'JsSuRrOgAtE/secret\ud800tail'
const SURROGATE_TOKEN = 'JsSuRrOgAtE/token\udc00tail'
const CONFIG = { endpoint: 'http://127.0.0.1:9000', bucket: 'bucket', accessKeyId: 'AKID', secretAccessKey: SECRET }

/** `row` with the signer's (or environment's) secret and token replaced, unless the row is about them. */
function withOurSecrets(row) {
  const out = structuredClone(row)
  if (row.op === 'from_env') {
    for (const [name, value] of [['R2_SECRET_ACCESS_KEY', SECRET], ['AWS_SECRET_ACCESS_KEY', SECRET], ['AWS_SESSION_TOKEN', TOKEN]]) {
      if (name in out.env && row.invalid !== `env.${name}`) out.env[name] = value
    }
  } else if (!['new_key', 'attachment'].includes(row.op) && plain(out.signer ?? {})) {
    out.signer = { ...(out.signer ?? {}) }
    for (const [name, value] of [['secret_access_key', SECRET], ['session_token', TOKEN]]) {
      if (row.invalid !== `signer.${name}`) out.signer[name] = value
    }
  }
  return out
}

/** Every printable form of an error. */
function errorForms(err) {
  return {
    message: String(err?.message),
    stack: String(err?.stack),
    string: (() => {
      try {
        return String(err)
      } catch (e) {
        return `String() threw ${e?.name}`
      }
    })(),
    inspect: inspect(err),
    'inspect showHidden': inspect(err, { showHidden: true, depth: null }),
    JSON: JSON.stringify(err) ?? '',
    'JSON of own properties': JSON.stringify(err, Object.getOwnPropertyNames(err ?? {})) ?? '',
  }
}

/** Every printable form of a signer. */
function signerForms(signer) {
  return {
    inspect: inspect(signer),
    'inspect showHidden': inspect(signer, { showHidden: true, depth: null }),
    JSON: JSON.stringify(signer) ?? '',
    string: String(signer),
    keys: Reflect.ownKeys(signer).map(String).join(),
  }
}

/** The forms that hold one of `secrets`. */
function leaks(forms, secrets) {
  return Object.entries(forms)
    .filter(([, text]) => secrets.some((s) => text.includes(s)))
    .map(([form]) => form)
}

const ours = (row) => [...needles(row), SECRET, TOKEN, SECRET.slice(0, 16), TOKEN.slice(0, 16)]

const FAILING = ROWS.filter((r) => r.outcome.node?.name && !r.isolate)

test('the checks can fail: a message that holds the secret is caught in every form', () => {
  const err = new Error(`bad ${SECRET}`)
  assert.deepEqual(leaks(errorForms(err), [SECRET]).sort(), ['JSON of own properties', 'inspect', 'inspect showHidden', 'message', 'stack', 'string'])
})

for (const row of FAILING) {
  test(`${row.id}: no form of the error holds a secret`, (t) => {
    const mine = withOurSecrets(row)
    const got = observe(mine)
    if (!got.err) {
      t.skip('the call did not fail (errors_table.test.mjs reports it)')
      return
    }
    assert.deepEqual(leaks(errorForms(got.err), ours(mine)), [])
  })
}

test('every signer the rows build hides the secrets', () => {
  let built = 0
  for (const row of ROWS) {
    if (['from_env', 'new_key', 'attachment'].includes(row.op) || !plain(row.signer ?? {}) || row.isolate) continue
    const mine = withOurSecrets(row)
    let signer
    try {
      signer = new Signer(signerConfig(mine))
    } catch {
      continue // the error is checked above
    }
    built++
    assert.deepEqual(leaks(signerForms(signer), ours(mine)), [], row.id)
  }
  assert.ok(built > 100, `${built} signers built`)
})

test('a signer with a session token, and its results', () => {
  const signer = new Signer({ ...CONFIG, sessionToken: TOKEN })
  const put = signer.presignPut('k', { contentType: 'text/plain' })
  assert.ok(put.url.includes('X-Amz-Security-Token='), 'the token is signed into the URL itself')
  const forms = { ...signerForms(signer), headers: JSON.stringify(put.headers), 'inspect headers': inspect(put.headers) }
  assert.deepEqual(leaks(forms, [SECRET, TOKEN, SECRET.slice(0, 16), TOKEN.slice(0, 16)]), [])
})

test('a secret or token holding a lone surrogate is refused and never echoed', () => {
  const cases = [
    { ...CONFIG, secretAccessKey: SURROGATE_SECRET },
    { ...CONFIG, sessionToken: SURROGATE_TOKEN },
    { ...CONFIG, secretAccessKey: SURROGATE_SECRET, sessionToken: SURROGATE_TOKEN, bucket: 'Bad_Bucket' },
    { ...CONFIG, secretAccessKey: SURROGATE_SECRET, endpoint: 'not a url' },
  ]
  const secrets = [SURROGATE_SECRET, SURROGATE_TOKEN, SURROGATE_SECRET.slice(0, 16), SURROGATE_TOKEN.slice(0, 16), SECRET]
  for (const config of cases) {
    assert.throws(
      () => new Signer(config),
      (err) => {
        assert.deepEqual(leaks(errorForms(err), secrets), [])
        assert.match(err.code, /^ERR_PRESIGNER_/)
        return true
      },
    )
  }
})
