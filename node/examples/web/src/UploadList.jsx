import { formatSize } from './format.js'

const LABELS = {
  queued: 'Starting…',
  uploading: 'Uploading…',
  paused: 'Paused',
  done: 'Uploaded',
  error: 'Failed',
  cancelled: 'Cancelled',
}
const ACTIVE = new Set(['queued', 'uploading', 'paused'])

/** The uploads of this page: a progress bar each, pause/resume and cancel, and the error in words. */
export default function UploadList({ uploads, controls }) {
  if (uploads.length === 0) return null
  return (
    <section aria-labelledby="uploads-title">
      <h2 id="uploads-title">Uploads</h2>
      <ul className="uploads">
        {uploads.map((u) => (
          <li key={u.id} className={`upload ${u.status}`} data-status={u.status}
              data-testid={`upload-${u.id}`} data-key={u.key ?? ''} data-upload-id={u.uploadId ?? ''}>
            <div className="row">
              <span className="name">{u.name}</span>
              <span className="size">{formatSize(u.size)}</span>
            </div>
            <div className="row">
              <div
                className="bar"
                role="progressbar"
                aria-label={`Upload of ${u.name}`}
                aria-valuemin={0}
                aria-valuemax={100}
                aria-valuenow={u.progress}
                data-testid={`progress-${u.id}`}
              >
                <div className="fill" style={{ width: `${u.progress}%` }} />
              </div>
              <span className="percent" data-testid={`percent-${u.id}`}>{u.progress}%</span>
            </div>
            <div className="row">
              <p className="state">
                {LABELS[u.status]}
                {u.uploadId && u.status !== 'done' ? ' (multipart)' : ''}
              </p>
              {ACTIVE.has(u.status) && (
                <span className="actions">
                  <button type="button" onClick={() => controls.pauseResume(u)}
                          aria-label={`${u.status === 'paused' ? 'Resume' : 'Pause'} ${u.name}`}>
                    {u.status === 'paused' ? 'Resume' : 'Pause'}
                  </button>
                  <button type="button" onClick={() => controls.cancel(u)} aria-label={`Cancel ${u.name}`}>
                    Cancel
                  </button>
                </span>
              )}
            </div>
            {u.error && (
              <p className="error" role="alert" data-testid={`error-${u.id}`}>{u.error}</p>
            )}
          </li>
        ))}
      </ul>
    </section>
  )
}
