// The upload engine: headless Uppy (@uppy/core) with @uppy/aws-s3 in
// signRequest mode. Uppy drives the S3 requests (one PUT, or a multipart
// upload with retries, pause, resume and abort); the demo server signs each
// one (POST /s3/sign) under its UploadPolicy.
import AwsS3 from '@uppy/aws-s3'
import Uppy from '@uppy/core'
import { signRequest } from './api.js'

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms))
const typeOf = (file) => file.type || 'application/octet-stream'

/**
 * A Uppy that uploads files as soon as they are added: multipart above
 * `multipartThreshold` bytes. Test hooks: `expiresIn` is sent with every
 * request to sign, and `delayUploadMs` waits that long after each signature.
 */
export function createUploader({ multipartThreshold, expiresIn, delayUploadMs = 0 }) {
  // Uppy 6 sends CreateMultipartUpload to signRequest without the file's
  // type, which a content-type policy needs: remember it by proposed key.
  const types = new Map()
  return new Uppy({ autoProceed: true }).use(AwsS3, {
    shouldUseMultipart: (file) => file.size > multipartThreshold,
    // Uppy's own default key, `<uuid>-<file name>`: the server reads the
    // original name from it (it stores the object under a key of its own).
    generateObjectKey: (file) => {
      const key = `${crypto.randomUUID()}-${file.name}`
      types.set(key, typeOf(file))
      return key
    },
    async signRequest(request) {
      const body = { ...request }
      if (body.method === 'POST' && body.uploadId == null) body.contentType = types.get(body.key)
      if (expiresIn != null) body.expiresIn = expiresIn
      const signed = await signRequest(body)
      if (delayUploadMs > 0) await sleep(delayUploadMs)
      return signed
    },
  })
}
