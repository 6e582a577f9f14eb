//! The XML of multipart uploads: the CompleteMultipartUpload body the
//! browser or server sends, and readers of the store's answers to
//! CreateMultipartUpload and ListParts and of its error bodies. Pure
//! functions: the HTTP requests are the caller's (with presigned URLs).

mod answers;
mod body;
mod reader;
#[cfg(test)]
mod tests;

pub use answers::{
    parse_create_multipart_upload, parse_error, parse_list_parts, CreatedMultipartUpload,
    ErrorResponse, ListedPart, ListedParts,
};
pub use body::{complete_multipart_upload_body, CompletedPart};
