// Names the napi-generated binding.d.ts uses for the binding's own Rust
// types (bindings/node/src/signer.rs), for `npm run typecheck:js`, which
// checks index.js's positional native calls against binding.d.ts.

/** A native signer (a napi `External` holding the core's `Signer`). */
type Handle = object

/** A native signer, or `null` for the one built from the environment. */
type SignerArg = Handle | null

/** A native upload policy (a napi `External` holding the core's `UploadPolicy`). */
type PolicyHandle = object

/** The options of `new UploadPolicy(options)`, read natively (bindings/node/src/policy.rs). */
type PolicyOptions = import('./index').UploadPolicyOptions
