import { formatSize } from './format.js'

const LABELS = { signing: 'Getting a link…', uploading: 'Uploading…', done: 'Uploaded', error: 'Failed' }

/** The uploads of this page: a progress bar each, and the error in words. */
export default function UploadList({ uploads }) {
  if (uploads.length === 0) return null
  return (
    <section aria-labelledby="uploads-title">
      <h2 id="uploads-title">Uploads</h2>
      <ul className="uploads">
        {uploads.map((u) => (
          <li key={u.id} className={`upload ${u.status}`} data-status={u.status}
              data-testid={`upload-${u.id}`} data-key={u.key ?? ''}>
            <div className="row">
              <span className="name">{u.file.name}</span>
              <span className="size">{formatSize(u.file.size)}</span>
            </div>
            <div className="row">
              <div
                className="bar"
                role="progressbar"
                aria-label={`Upload of ${u.file.name}`}
                aria-valuemin={0}
                aria-valuemax={100}
                aria-valuenow={u.progress}
                data-testid={`progress-${u.id}`}
              >
                <div className="fill" style={{ width: `${u.progress}%` }} />
              </div>
              <span className="percent" data-testid={`percent-${u.id}`}>{u.progress}%</span>
            </div>
            <p className="state">{LABELS[u.status]}</p>
            {u.error && (
              <p className="error" role="alert" data-testid={`error-${u.id}`}>{u.error}</p>
            )}
          </li>
        ))}
      </ul>
    </section>
  )
}
