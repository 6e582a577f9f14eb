//! Fast presigned URLs for S3 and Cloudflare R2: AWS Signature Version 4
//! query-string authentication, byte-identical to botocore, without the
//! `x-id` and checksum parameters that break R2.
//!
//! ```
//! use presigner::{GetOptions, PutOptions, Signer};
//!
//! let signer = Signer::builder("https://ACCOUNT.r2.cloudflarestorage.com", "uploads", "AKID", "SECRET")
//!     .build()?;
//! let key = presigner::new_key(Some("cat.jpg"), Some("photos"));
//! let upload = signer.presign_put(&key, &PutOptions {
//!     content_type: Some("image/jpeg".into()),
//!     ..Default::default()
//! })?;
//! // Hand `upload.method`, `upload.url` and `upload.headers` to the browser.
//! let download = signer.presign_get(&key, &GetOptions {
//!     response_content_disposition: Some("attachment; filename=\"cat.jpg\"".into()),
//!     ..Default::default()
//! })?;
//! assert!(download.url.contains("response-content-disposition=attachment%3B"));
//! # Ok::<(), presigner::Error>(())
//! ```

#![forbid(unsafe_code)]
#![deny(missing_docs)]

mod checksum;
mod config;
mod default;
mod disposition;
mod env;
mod error;
mod limits;
mod new_key;
mod operation;
mod options;
mod parts;
mod policy;
mod request;
mod secret;
mod signer;
pub mod sigv4;
mod xml;

pub use checksum::ChecksumAlgorithm;
pub use config::{SignerBuilder, SignerConfig, DEFAULT_REGION};
pub use default::default_signer;
pub use disposition::attachment;
pub use env::EnvOverrides;
pub use error::{Argument, Error, ErrorKind, Result};
pub use limits::{
    content_length, expires_in_secs, in_range, DEFAULT_EXPIRES_IN_SECS, MAX_CONTENT_LENGTH,
    MAX_EXPIRES_IN_SECS, MAX_KEY_BYTES, MAX_LIST_PARTS, MAX_METADATA_BYTES, MAX_PARTS,
    MAX_STRING_CHARS, MAX_UPLOAD_ID_BYTES, MAX_VALUE_BYTES,
};
pub use limits::{MAX_OBJECT_SIZE, MAX_PART_SIZE, MAX_XML_BYTES, MAX_XML_DEPTH, MIN_PART_SIZE};
pub use new_key::new_key;
pub use operation::Operation;
pub use options::{
    CompleteMultipartUploadOptions, CreateMultipartUploadOptions, GetOptions, ListPartsOptions,
    ObjectOptions, PutOptions, SigningOptions, UploadPartOptions,
};
pub use parts::{plan_parts, plan_parts_from, PartPlan, DEFAULT_PART_SIZE};
pub use policy::{FieldValue, RequestField, SignedUpload, UploadPolicy, UploadRequest};
pub use request::{Method, PresignedRequest};
pub use signer::{Explanation, Signer};
pub use xml::{
    complete_multipart_upload_body, parse_create_multipart_upload, parse_error, parse_list_parts,
    CompletedPart, CreatedMultipartUpload, ErrorResponse, ListedPart, ListedParts,
};
