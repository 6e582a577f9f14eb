//! `xml`: arbitrary bytes through the three parsers of S3's multipart and
//! error answers, and the parts they read back through
//! `complete_multipart_upload_body`.
//!
//! A parser returns a value or an `ERR_PRESIGNER_XML` error whose message is
//! under 400 characters; it never panics. Parts that `parse_list_parts` read
//! (at most 10,000, numbers 1..=10000) make a body that names each of them.
#![no_main]

use libfuzzer_sys::fuzz_target;
use presigner::{
    complete_multipart_upload_body, parse_create_multipart_upload, parse_error, parse_list_parts,
    CompletedPart, Error, ErrorKind,
};

/// A parse error must be of the XML kind, with a short message.
fn check_error(e: &Error) {
    assert_eq!(e.kind(), ErrorKind::Xml, "{e:?}");
    assert!(
        e.to_string().len() < 400,
        "{} characters",
        e.to_string().len()
    );
}

fuzz_target!(|data: &[u8]| {
    if let Err(e) = parse_create_multipart_upload(data) {
        check_error(&e);
    }
    if let Err(e) = parse_error(data) {
        check_error(&e);
    }
    match parse_list_parts(data) {
        Err(e) => check_error(&e),
        Ok(listed) => {
            assert!(listed.parts.len() <= 10_000);
            let parts: Vec<CompletedPart> = listed.parts.iter().map(CompletedPart::from).collect();
            if let Ok(body) = complete_multipart_upload_body(&parts) {
                for part in &parts {
                    let number = format!("<PartNumber>{}</PartNumber>", part.part_number);
                    assert!(body.contains(&number), "{body}");
                }
            }
        }
    }
});
