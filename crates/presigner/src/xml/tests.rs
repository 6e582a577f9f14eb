//! The XML functions against botocore's body, real answers of S3, R2 and
//! the local test server, round trips, and hostile input.

use std::borrow::Cow;

use proptest::prelude::*;

use super::reader::{walk, Item};
use super::*;
use crate::{ChecksumAlgorithm, Error, ErrorKind, MAX_PARTS, MAX_XML_BYTES};

/// `CreateMultipartUpload`'s answer, as in S3's API reference.
const CREATE_S3: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<InitiateMultipartUploadResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">
  <Bucket>example-bucket</Bucket>
  <Key>example-object</Key>
  <UploadId>VXBsb2FkIElEIGZvciA2aWWpbmcncyBteS1tb3ZpZS5tMnRzIHVwbG9hZA</UploadId>
</InitiateMultipartUploadResult>"#;

/// The same from the local test server (s3s 0.14.1), captured with botocore.
const CREATE_S3S: &str = r#"<?xml version="1.0" encoding="UTF-8"?><InitiateMultipartUploadResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Bucket>uploads</Bucket><Key>photos/a b&amp;c.jpg</Key><UploadId>e227dea2-b763-4822-8fcf-045f7a677efe</UploadId></InitiateMultipartUploadResult>"#;

/// `ListParts`' answer in S3's shape: a page of 3 parts of more, with the
/// initiator, owner and storage class S3 adds, and CRC32 checksums.
const LIST_S3: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<ListPartsResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">
  <Bucket>example-bucket</Bucket>
  <Key>example-object</Key>
  <UploadId>XXBsb2FkIElEIGZvciBlbHZpbmcncyVcdS1tb3ZpZS5tMnRzEEEwbG9hZA</UploadId>
  <ChecksumAlgorithm>CRC32</ChecksumAlgorithm>
  <ChecksumType>COMPOSITE</ChecksumType>
  <Initiator>
    <ID>arn:aws:iam::111122223333:user/some-user-11116a31-17b5-4fb7-9df5-b288870f11xx</ID>
    <DisplayName>umat-user-11116a31-17b5-4fb7-9df5-b288870f11xx</DisplayName>
  </Initiator>
  <Owner>
    <ID>75aa57f09aa0c8caeab4f8c24e99d10f8e7faeebf76c078efc7c6caea54ba06a</ID>
    <DisplayName>someName</DisplayName>
  </Owner>
  <StorageClass>STANDARD</StorageClass>
  <PartNumberMarker>0</PartNumberMarker>
  <NextPartNumberMarker>3</NextPartNumberMarker>
  <MaxParts>3</MaxParts>
  <IsTruncated>true</IsTruncated>
  <Part>
    <PartNumber>1</PartNumber>
    <LastModified>2010-11-10T20:48:34.000Z</LastModified>
    <ETag>"7778aef83f66abc1fa1e8477f296d394"</ETag>
    <Size>10485760</Size>
    <ChecksumCRC32>dk8WqA==</ChecksumCRC32>
  </Part>
  <Part>
    <PartNumber>2</PartNumber>
    <LastModified>2010-11-10T20:48:33.000Z</LastModified>
    <ETag>"aaaa18db4cc2f85cedef654fccc4a4x8"</ETag>
    <Size>10485760</Size>
    <ChecksumCRC32>Ev0HJg==</ChecksumCRC32>
  </Part>
  <Part>
    <PartNumber>3</PartNumber>
    <LastModified>2010-11-10T20:48:35.000Z</LastModified>
    <ETag>"8a9f3e12bb2c1c9b3f38a4e7d6b0c9e1"</ETag>
    <Size>10485760</Size>
    <ChecksumCRC32>0/vIxg==</ChecksumCRC32>
  </Part>
</ListPartsResult>"#;

/// The last page of a list from the local test server (s3s 0.14.1): its
/// elements sorted by name, and a `NextPartNumberMarker` though not truncated.
const LIST_S3S: &str = r#"<?xml version="1.0" encoding="UTF-8"?><ListPartsResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Bucket>uploads</Bucket><IsTruncated>false</IsTruncated><Key>photos/a b&amp;c.jpg</Key><MaxParts>1000</MaxParts><NextPartNumberMarker>3</NextPartNumberMarker><PartNumberMarker>0</PartNumberMarker><Part><ETag>"398533d48111e9f664b1f64cb10c4b63"</ETag><LastModified>2026-11-29T21:28:02.372Z</LastModified><PartNumber>1</PartNumber><Size>1000</Size></Part><Part><ETag>"6284398f25b31fbdd31e5c6cc04af9ad"</ETag><LastModified>2026-11-29T21:28:02.380Z</LastModified><PartNumber>2</PartNumber><Size>2000</Size></Part><Part><ETag>"33d7ac42e3aa0f3146843833c23e4365"</ETag><LastModified>2026-11-29T21:28:02.381Z</LastModified><PartNumber>3</PartNumber><Size>3000</Size></Part><UploadId>e227dea2-b763-4822-8fcf-045f7a677efe</UploadId></ListPartsResult>"#;

/// `NoSuchUpload`, as in S3's error reference.
const ERROR_S3: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<Error>
  <Code>NoSuchUpload</Code>
  <Message>The specified upload does not exist. The upload ID may be invalid, or the upload may have been aborted or completed.</Message>
  <UploadId>VXBsb2FkIElEIGZvciBlbHZpbmcncyBteS1tb3ZpZS5tMnRzIHVwbG9hZA</UploadId>
  <RequestId>4442587FB7D0A2F9</RequestId>
  <HostId>eftixk72aD6Ap51TnqcoF8eFidJG9Z/2mkiDFu8yU9AS1ed4OpIszj7UDNEHGran</HostId>
</Error>"#;

/// `SignatureDoesNotMatch` in S3's shape: what S3 signed comes back.
const ERROR_SIGNATURE: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<Error><Code>SignatureDoesNotMatch</Code><Message>The request signature we calculated does not match the signature you provided. Check your key and signing method.</Message><AWSAccessKeyId>AKIAIOSFODNN7EXAMPLE</AWSAccessKeyId><StringToSign>AWS4-HMAC-SHA256
20130524T000000Z
20130524/us-east-1/s3/aws4_request
3bfa292879f6447bbcda7001decf97f4a54dc650c8942174ae0a9121cf58ad04</StringToSign><SignatureProvided>aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404</SignatureProvided><CanonicalRequest>GET
/test.txt
X-Amz-Algorithm=AWS4-HMAC-SHA256
host:examplebucket.s3.amazonaws.com

host
UNSIGNED-PAYLOAD</CanonicalRequest><RequestId>6DB1C4D7E2B6B3A1</RequestId><HostId>vzJm2Q==</HostId></Error>"#;

/// The local test server's error bodies: no request id, sometimes no message.
const ERROR_S3S: &str = r#"<?xml version="1.0" encoding="UTF-8"?><Error><Code>NoSuchUpload</Code><Message>The specified upload does not exist. The upload ID may be invalid, or the upload may have been aborted or completed.</Message></Error>"#;
const ERROR_S3S_BARE: &str =
    r#"<?xml version="1.0" encoding="UTF-8"?><Error><Code>NoSuchKey</Code></Error>"#;

fn xml_error(xml: &str) -> String {
    let err = parse_list_parts(xml)
        .err()
        .or_else(|| parse_create_multipart_upload(xml).err())
        .or_else(|| parse_error(xml).err());
    err.map(|e| e.to_string()).unwrap_or_default()
}

// ---------------------------------------------------------------- body

#[test]
fn body_is_byte_identical_to_botocore() {
    // botocore 1.44.8's rest-xml serializer for complete_multipart_upload,
    // parts given in the model's member order (ETag, checksum, PartNumber).
    const BOTOCORE: &str = concat!(
        r#"<CompleteMultipartUpload xmlns="http://s3.amazonaws.com/doc/2006-03-01/">"#,
        r#"<Part><ETag>"a54357aff0632cce46d942af68356b38"</ETag><PartNumber>1</PartNumber></Part>"#,
        r#"<Part><ETag>"0c78aef83f66abc1fa1e8477f296d394"</ETag><ChecksumCRC32>AAAAAA==</ChecksumCRC32><PartNumber>2</PartNumber></Part>"#,
        r#"<Part><ETag>"a&amp;b&lt;c&gt;'d"</ETag><ChecksumSHA256>47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=</ChecksumSHA256><PartNumber>3</PartNumber></Part>"#,
        r#"<Part><ETag>"é😀"</ETag><ChecksumCRC64NVME>AAAAAAAAAAA=</ChecksumCRC64NVME><PartNumber>10000</PartNumber></Part>"#,
        r#"</CompleteMultipartUpload>"#
    );
    let parts = [
        CompletedPart::new(10_000, "\"é😀\"")
            .with_checksum(ChecksumAlgorithm::Crc64nvme, "AAAAAAAAAAA="),
        CompletedPart::new(3, "\"a&b<c>'d\"").with_checksum(
            ChecksumAlgorithm::Sha256,
            "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=",
        ),
        CompletedPart::new(1, "\"a54357aff0632cce46d942af68356b38\""),
        CompletedPart::new(2, "\"0c78aef83f66abc1fa1e8477f296d394\"")
            .with_checksum(ChecksumAlgorithm::Crc32, "AAAAAA=="),
    ];
    assert_eq!(complete_multipart_upload_body(&parts).unwrap(), BOTOCORE);
}

/// rusty-s3's body differs from botocore's: no namespace, and quotes
/// escaped as `&quot;` (which every real ETag has). S3 reads both the same.
#[test]
fn body_matches_rusty_s3_but_for_the_namespace_and_quotes() {
    let etags = ["\"a\"", "x&y", "\"<b>\""];
    let bucket = rusty_s3::Bucket::new(
        "https://s3.amazonaws.com".parse().unwrap(),
        rusty_s3::UrlStyle::Path,
        "b",
        "us-east-1",
    )
    .unwrap();
    let theirs =
        rusty_s3::actions::CompleteMultipartUpload::new(&bucket, None, "k", "u", etags.into_iter())
            .body();
    let parts: Vec<CompletedPart> = (1..).zip(etags).map(CompletedPart::from).collect();
    let ours = complete_multipart_upload_body(&parts).unwrap();
    assert_eq!(
        ours.replace(r#" xmlns="http://s3.amazonaws.com/doc/2006-03-01/""#, ""),
        theirs.replace("&quot;", "\"")
    );
    assert!(theirs.contains("<ETag>&quot;a&quot;</ETag>"));
}

#[test]
fn body_refuses_bad_parts_naming_parts() {
    let cases: Vec<(Vec<CompletedPart>, &str)> = vec![
        (vec![], "parts must hold 1 to 10000 items, got 0"),
        (
            (1..=10_001).map(|n| CompletedPart::new(n, "e")).collect(),
            "parts must hold 1 to 10000 items, got 10001",
        ),
        (
            vec![CompletedPart::new(0, "e")],
            "parts: part 0 is not a part number (1 to 10000)",
        ),
        (
            vec![CompletedPart::new(10_001, "e")],
            "parts: part 10001 is not a part number (1 to 10000)",
        ),
        (
            vec![(2, "a").into(), (1, "b").into(), (2, "c").into()],
            "parts: part 2 is listed twice",
        ),
        (vec![(1, "").into()], "parts: part 1 has an empty etag"),
        (
            vec![(1, "\"a\nb\"").into()],
            "parts: part 1 has an etag holding a control character",
        ),
        (
            vec![(1, "a\u{FFFF}").into()],
            "parts: part 1 has an etag holding a control character",
        ),
        (
            vec![CompletedPart::new(1, "e").with_checksum(ChecksumAlgorithm::Crc32, "AAAA")],
            "parts: part 1 has a checksum that is not the base64 of a checksum of its algorithm",
        ),
        (
            vec![CompletedPart::new(1, "e").with_checksum(ChecksumAlgorithm::Sha1, "<x>")],
            "parts: part 1 has a checksum that is not the base64 of a checksum of its algorithm",
        ),
    ];
    for (parts, want) in cases {
        let err = complete_multipart_upload_body(&parts).unwrap_err();
        assert_eq!(err.to_string(), want);
        assert_eq!(err.kind(), ErrorKind::InvalidArgument);
        assert!(matches!(err, Error::InvalidParts { .. }));
    }
    let all: Vec<CompletedPart> = (1..=MAX_PARTS).rev().map(|n| (n, "\"e\"").into()).collect();
    let body = complete_multipart_upload_body(&all).unwrap();
    assert!(
        body.contains("<PartNumber>1</PartNumber></Part><Part><ETag>\"e\"</ETag><PartNumber>2<")
    );
    assert!(body.ends_with("<PartNumber>10000</PartNumber></Part></CompleteMultipartUpload>"));
}

#[test]
fn a_node_binding_names_parts_its_own_way() {
    let err = complete_multipart_upload_body(&[]).unwrap_err();
    let text = err.message_naming(|a| {
        if a == crate::Argument::Parts {
            "parts[]"
        } else {
            a.name()
        }
    });
    assert_eq!(text, "parts[] must hold 1 to 10000 items, got 0");
}

/// The parts a CompleteMultipartUpload body holds, read back with the
/// crate's reader.
fn read_body(body: &str) -> Vec<CompletedPart> {
    let mut parts = Vec::new();
    let (mut n, mut etag, mut checksum) = (0, String::new(), None);
    walk(body.as_bytes(), "CompleteMultipartUpload", |item| {
        match item {
            Item::Leaf {
                level: 2,
                name,
                text,
            } => match name {
                "ETag" => etag = text.into_owned(),
                "PartNumber" => n = text.parse().unwrap(),
                other => {
                    let algorithm = ChecksumAlgorithm::from_xml_element(other).unwrap();
                    checksum = Some((algorithm, text.into_owned()));
                }
            },
            Item::Leave("Part") => parts.push(CompletedPart {
                part_number: n,
                etag: std::mem::take(&mut etag),
                checksum: checksum.take(),
            }),
            _ => {}
        }
        Ok(())
    })
    .unwrap();
    parts
}

fn etag() -> impl Strategy<Value = String> {
    prop_oneof![
        "\"[0-9a-f]{32}\"",
        "\"[0-9a-f]{32}-[0-9]{1,5}\"",
        // Anything XML can carry: `&`, `<`, `>`, quotes, non-ASCII.
        "[^\\p{Cc}\u{FFFE}\u{FFFF}]{1,40}",
    ]
}

fn checksum() -> impl Strategy<Value = Option<(ChecksumAlgorithm, String)>> {
    prop_oneof![
        Just(None),
        "[A-Za-z0-9+/]{6}==".prop_map(|v| Some((ChecksumAlgorithm::Crc32c, v))),
        "[A-Za-z0-9+/]{43}=".prop_map(|v| Some((ChecksumAlgorithm::Sha256, v))),
    ]
}

proptest! {
    #[test]
    fn body_round_trips_sorted(
        numbers in proptest::sample::subsequence((1..=MAX_PARTS).collect::<Vec<_>>(), 1..40)
            .prop_shuffle(),
        etags in proptest::collection::vec(etag(), 40),
        checksums in proptest::collection::vec(checksum(), 40),
    ) {
        let parts: Vec<CompletedPart> = numbers
            .iter()
            .zip(etags)
            .zip(checksums)
            .map(|((n, etag), checksum)| CompletedPart { part_number: *n, etag, checksum })
            .collect();
        let body = complete_multipart_upload_body(&parts).unwrap();
        let mut want = parts.clone();
        want.sort_by_key(|p| p.part_number);
        prop_assert_eq!(read_body(&body), want);
    }
}

// ---------------------------------------------------------------- answers

#[test]
fn reads_create_answers() {
    let created = parse_create_multipart_upload(CREATE_S3).unwrap();
    assert_eq!(
        created,
        CreatedMultipartUpload {
            bucket: "example-bucket".into(),
            key: "example-object".into(),
            upload_id: "VXBsb2FkIElEIGZvciA2aWWpbmcncyBteS1tb3ZpZS5tMnRzIHVwbG9hZA".into(),
        }
    );
    let created = parse_create_multipart_upload(CREATE_S3S.as_bytes()).unwrap();
    assert_eq!(created.key, "photos/a b&c.jpg");
    assert_eq!(created.upload_id, "e227dea2-b763-4822-8fcf-045f7a677efe");
    // rusty-s3 reads the same upload id.
    for xml in [CREATE_S3, CREATE_S3S] {
        let theirs = rusty_s3::actions::CreateMultipartUpload::parse_response(xml).unwrap();
        assert_eq!(
            theirs.upload_id(),
            parse_create_multipart_upload(xml).unwrap().upload_id
        );
    }
    // Without the namespace (some stores), with a self-closing extra element.
    let bare = "<InitiateMultipartUploadResult><Bucket>b</Bucket><Key> k </Key><Extra/><UploadId>u</UploadId></InitiateMultipartUploadResult>";
    assert_eq!(parse_create_multipart_upload(bare).unwrap().key, " k ");
}

#[test]
fn create_answers_must_be_whole() {
    for (xml, want) in [
        (
            CREATE_S3.replace("<UploadId>VXBsb2FkIElEIGZvciA2aWWpbmcncyBteS1tb3ZpZS5tMnRzIHVwbG9hZA</UploadId>", ""),
            "XML element <UploadId> is missing",
        ),
        (
            CREATE_S3.replace("VXBsb2FkIElEIGZvciA2aWWpbmcncyBteS1tb3ZpZS5tMnRzIHVwbG9hZA", ""),
            "XML element <UploadId> is empty",
        ),
        (
            CREATE_S3.replace("<Key>", "<Key>x</Key><Key>"),
            "XML element <Key> appears twice",
        ),
        (
            CREATE_S3.replace(
                "http://s3.amazonaws.com/doc/2006-03-01/",
                "http://example.com/",
            ),
            "XML element <InitiateMultipartUploadResult> is in another namespace than S3's",
        ),
        (
            ERROR_S3.to_owned(),
            "expected an XML document whose root element is <InitiateMultipartUploadResult>, got \"Error\"",
        ),
    ] {
        assert_eq!(
            parse_create_multipart_upload(&xml).unwrap_err().to_string(),
            want,
            "{xml}"
        );
    }
}

#[test]
fn reads_list_answers() {
    let page = parse_list_parts(LIST_S3).unwrap();
    assert!(page.is_truncated);
    assert_eq!(page.next_part_number_marker, Some(3));
    assert_eq!(page.part_number_marker, Some(0));
    assert_eq!(page.max_parts, Some(3));
    assert_eq!(page.parts.len(), 3);
    assert_eq!(
        page.parts[0],
        ListedPart {
            part_number: 1,
            etag: "\"7778aef83f66abc1fa1e8477f296d394\"".into(),
            size: 10_485_760,
            last_modified: Some("2010-11-10T20:48:34.000Z".into()),
            checksum: Some((ChecksumAlgorithm::Crc32, "dk8WqA==".into())),
        }
    );
    // Listed parts complete the upload as they are.
    let body = complete_multipart_upload_body(
        &page
            .parts
            .iter()
            .map(CompletedPart::from)
            .collect::<Vec<_>>(),
    )
    .unwrap();
    assert!(body.contains("<ETag>\"7778aef83f66abc1fa1e8477f296d394\"</ETag><ChecksumCRC32>dk8WqA==</ChecksumCRC32><PartNumber>1</PartNumber>"));

    let last = parse_list_parts(LIST_S3S.as_bytes()).unwrap();
    assert!(!last.is_truncated);
    assert_eq!(last.next_part_number_marker, Some(3));
    assert_eq!(
        last.parts
            .iter()
            .map(|p| (p.part_number, p.size))
            .collect::<Vec<_>>(),
        [(1, 1000), (2, 2000), (3, 3000)]
    );

    // rusty-s3 reads the same parts from whole answers.
    for xml in [LIST_S3, LIST_S3S] {
        let theirs = rusty_s3::actions::ListParts::parse_response(xml).unwrap();
        let ours = parse_list_parts(xml).unwrap();
        let theirs: Vec<_> = theirs
            .parts
            .iter()
            .map(|p| (u32::from(p.number), p.etag.clone(), p.size))
            .collect();
        let ours: Vec<_> = ours
            .parts
            .iter()
            .map(|p| (p.part_number, p.etag.clone(), p.size))
            .collect();
        assert_eq!(ours, theirs);
    }

    // The least a store may send: no markers, no MaxParts, no LastModified,
    // an empty list, parts out of order.
    let min = "<ListPartsResult><IsTruncated>false</IsTruncated><Part><PartNumber>2</PartNumber><ETag>b</ETag><Size>1</Size></Part><Part><PartNumber> 1 </PartNumber><ETag>a</ETag><Size>0</Size></Part></ListPartsResult>";
    let page = parse_list_parts(min).unwrap();
    assert_eq!(page.parts[0].part_number, 1);
    assert_eq!(page.parts[1].last_modified, None);
    assert_eq!(page.max_parts, None);
    let empty = parse_list_parts("<ListPartsResult><IsTruncated>0</IsTruncated></ListPartsResult>")
        .unwrap();
    assert!(empty.parts.is_empty());
}

#[test]
fn a_truncated_list_is_refused_where_rusty_s3_reads_fewer_parts() {
    // Cut after the second of three parts: rusty-s3 (instant-xml) answers
    // two parts, as if the body were whole.
    let cut = LIST_S3S.match_indices("</Part>").nth(1).unwrap().0 + "</Part>".len();
    let theirs = rusty_s3::actions::ListParts::parse_response(&LIST_S3S[..cut]).unwrap();
    assert_eq!(theirs.parts.len(), 2);
    assert_eq!(
        parse_list_parts(&LIST_S3S[..cut]).unwrap_err(),
        Error::InvalidXml {
            offset: cut,
            reason: "the document ends before its elements are closed (truncated?)"
        }
    );
}

#[test]
fn list_answers_must_be_whole() {
    let part = |body: &str| {
        format!("<ListPartsResult><IsTruncated>false</IsTruncated><Part>{body}</Part></ListPartsResult>")
    };
    for (xml, want) in [
        (
            LIST_S3.replace("<IsTruncated>true</IsTruncated>", ""),
            "XML element <IsTruncated> is missing",
        ),
        (
            LIST_S3.replace("<IsTruncated>true", "<IsTruncated>yes"),
            "XML element <IsTruncated> is neither true nor false",
        ),
        (
            LIST_S3.replace("<NextPartNumberMarker>3</NextPartNumberMarker>", ""),
            "XML element <NextPartNumberMarker> is missing or 0 in a truncated list (the next page cannot be asked for)",
        ),
        (
            LIST_S3.replace("<NextPartNumberMarker>3", "<NextPartNumberMarker>10001"),
            "XML element <NextPartNumberMarker> is not a part number (0 to 10000)",
        ),
        (
            LIST_S3.replace("<PartNumber>3</PartNumber>", "<PartNumber>2</PartNumber>"),
            "XML element <PartNumber> is the same in two parts",
        ),
        (
            LIST_S3.replace("<ChecksumCRC32>dk8WqA==</ChecksumCRC32>", "<ChecksumCRC32>dk8WqA==</ChecksumCRC32><ChecksumSHA1>2jmj7l5rSw0yVb/vlWAYkK/YBwk=</ChecksumSHA1>"),
            "XML element <ChecksumSHA1> is a second checksum of one part",
        ),
        (
            LIST_S3.replace("dk8WqA==", "dk8WqA"),
            "XML element <ChecksumCRC32> is not the base64 of a checksum of its algorithm",
        ),
        (
            LIST_S3.replace("<MaxParts>3", "<MaxParts>-3"),
            "XML element <MaxParts> is not a whole number",
        ),
        (part("<ETag>a</ETag><Size>1</Size>"), "XML element <PartNumber> is missing"),
        (part("<PartNumber>1</PartNumber><Size>1</Size>"), "XML element <ETag> is missing"),
        (part("<PartNumber>1</PartNumber><ETag/><Size>1</Size>"), "XML element <ETag> is empty"),
        (part("<PartNumber>1</PartNumber><ETag>a</ETag>"), "XML element <Size> is missing"),
        (
            part("<PartNumber>0</PartNumber><ETag>a</ETag><Size>1</Size>"),
            "XML element <PartNumber> is not a part number (1 to 10000)",
        ),
        (
            part("<PartNumber>1</PartNumber><ETag>a</ETag><Size>18446744073709551616</Size>"),
            "XML element <Size> is not a size",
        ),
        (
            part("<PartNumber>1</PartNumber><PartNumber>2</PartNumber><ETag>a</ETag><Size>1</Size>"),
            "XML element <PartNumber> appears twice",
        ),
        (
            part("<PartNumber>+1</PartNumber><ETag>a</ETag><Size>1</Size>"),
            "XML element <PartNumber> is not a whole number",
        ),
        (
            ERROR_S3.to_owned(),
            "expected an XML document whose root element is <ListPartsResult>, got \"Error\"",
        ),
    ] {
        let got = parse_list_parts(&xml).err().map(|e| e.to_string()).unwrap_or_default();
        assert_eq!(got, want, "{xml}");
    }
}

#[test]
fn a_list_holds_at_most_10000_parts() {
    let parts = |n: u32| -> String {
        let body: String = (1..=n)
            .map(|i| {
                format!("<Part><PartNumber>{i}</PartNumber><ETag>\"e\"</ETag><Size>5</Size></Part>")
            })
            .collect();
        format!("<ListPartsResult><IsTruncated>false</IsTruncated>{body}</ListPartsResult>")
    };
    assert_eq!(
        parse_list_parts(parts(MAX_PARTS)).unwrap().parts.len(),
        10_000
    );
    assert_eq!(
        parse_list_parts(parts(MAX_PARTS + 1))
            .unwrap_err()
            .to_string(),
        "XML element <Part> appears more than 10000 times"
    );
}

#[test]
fn reads_error_answers() {
    let e = parse_error(ERROR_S3).unwrap();
    assert_eq!(e.code, "NoSuchUpload");
    assert!(e
        .message
        .as_deref()
        .unwrap()
        .starts_with("The specified upload does not exist."));
    assert_eq!(
        e.upload_id.as_deref(),
        Some("VXBsb2FkIElEIGZvciBlbHZpbmcncyBteS1tb3ZpZS5tMnRzIHVwbG9hZA")
    );
    assert_eq!(e.request_id.as_deref(), Some("4442587FB7D0A2F9"));
    assert_eq!(
        e.host_id.as_deref(),
        Some("eftixk72aD6Ap51TnqcoF8eFidJG9Z/2mkiDFu8yU9AS1ed4OpIszj7UDNEHGran")
    );
    assert_eq!((e.key, e.resource, e.bucket_name), (None, None, None));
    assert!(e.other.is_empty());

    let sig = parse_error(ERROR_SIGNATURE).unwrap();
    assert_eq!(sig.code, "SignatureDoesNotMatch");
    let names: Vec<&str> = sig.other.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        names,
        [
            "AWSAccessKeyId",
            "StringToSign",
            "SignatureProvided",
            "CanonicalRequest"
        ]
    );
    assert!(sig.other[1]
        .1
        .starts_with("AWS4-HMAC-SHA256\n20130524T000000Z\n"));

    let s3s = parse_error(ERROR_S3S).unwrap();
    assert_eq!((s3s.code.as_str(), s3s.request_id), ("NoSuchUpload", None));
    let bare = parse_error(ERROR_S3S_BARE.as_bytes()).unwrap();
    assert_eq!((bare.code.as_str(), bare.message), ("NoSuchKey", None));

    let many: String = (0..100).map(|i| format!("<X{i}>v</X{i}>")).collect();
    let e = parse_error(format!("<Error><Code>C</Code>{many}</Error>")).unwrap();
    assert_eq!(e.other.len(), 32);
}

#[test]
fn error_answers_must_be_whole() {
    for (xml, want) in [
        (
            "<Error><Message>m</Message></Error>",
            "XML element <Code> is missing",
        ),
        (
            "<Error><Code></Code></Error>",
            "XML element <Code> is empty",
        ),
        (
            "<Error><Code>A</Code><Code>B</Code></Error>",
            "XML element <Code> appears twice",
        ),
        (
            "<ErrorResponse><Error><Code>A</Code></Error></ErrorResponse>",
            "expected an XML document whose root element is <Error>, got \"ErrorResponse\"",
        ),
        ("", "invalid XML at byte 0: no root element"),
    ] {
        assert_eq!(parse_error(xml).unwrap_err().to_string(), want, "{xml}");
    }
}

// ---------------------------------------------------------------- hostile input

#[test]
fn hostile_documents_are_typed_errors() {
    let laughs = r#"<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]><Error><Code>&lol2;</Code></Error>"#;
    let external = r#"<!DOCTYPE Error [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><Error><Code>&xxe;</Code></Error>"#;
    let deep = format!(
        "<ListPartsResult>{}{}</ListPartsResult>",
        "<a>".repeat(100_000),
        "</a>".repeat(100_000)
    );
    let long_name = format!("<{}/>", "a".repeat(1 << 20));
    for xml in [laughs, external, deep.as_str(), long_name.as_str()] {
        for result in [
            parse_list_parts(xml).err(),
            parse_create_multipart_upload(xml).err(),
            parse_error(xml).err(),
        ] {
            assert_eq!(result.map(|e| e.kind()), Some(ErrorKind::Xml));
        }
    }
    assert!(xml_error(laughs).starts_with("invalid XML at byte 21: a DOCTYPE"));
    assert!(xml_error(&deep).ends_with("elements nested deeper than 16"));
    // The long root name is echoed cut to 64 characters.
    let echoed = xml_error(&long_name);
    assert!(echoed.len() < 200, "{echoed}");

    // 100 MB: refused unread.
    let huge = vec![b'<'; 100 << 20];
    assert_eq!(
        parse_list_parts(&huge).unwrap_err(),
        Error::XmlTooLarge { len: 100 << 20 }
    );
    // Just under the cap, read in one linear pass.
    let filler = "x".repeat(MAX_XML_BYTES - 200);
    let big = format!("<Error><Code>C</Code><Junk>{filler}</Junk></Error>");
    assert_eq!(parse_error(&big).unwrap().other[0].1.len(), filler.len());

    assert_eq!(
        parse_error(b"<Error><Code>\xc3\x28</Code></Error>").unwrap_err(),
        Error::InvalidXml {
            offset: 13,
            reason: "not UTF-8"
        }
    );
}

/// Every proper prefix of a whole answer that cuts into its root element is
/// an error: a cut-off answer never reads as a shorter whole one.
#[test]
fn every_truncation_is_an_error() {
    for xml in [
        CREATE_S3,
        CREATE_S3S,
        LIST_S3,
        LIST_S3S,
        ERROR_S3,
        ERROR_SIGNATURE,
        ERROR_S3S,
    ] {
        let end = xml.rfind('>').unwrap();
        for cut in (0..end).filter(|c| xml.is_char_boundary(*c)) {
            let prefix = &xml[..cut];
            assert!(parse_list_parts(prefix).is_err(), "{prefix}");
            assert!(parse_create_multipart_upload(prefix).is_err(), "{prefix}");
            assert!(parse_error(prefix).is_err(), "{prefix}");
        }
    }
}

const SAMPLES: [&str; 8] = [
    CREATE_S3,
    CREATE_S3S,
    LIST_S3,
    LIST_S3S,
    ERROR_S3,
    ERROR_SIGNATURE,
    ERROR_S3S,
    ERROR_S3S_BARE,
];

const INSERTS: [&str; 12] = [
    "<!DOCTYPE x>",
    "<!DOCTYPE x [<!ENTITY a \"&a;&a;\">]>",
    "&a;",
    "&#0;",
    "<![CDATA[",
    "<a>",
    "</a>",
    "<?xml version=\"1.0\"?>",
    "<!--",
    "\u{0}",
    "]]>",
    "\"'=/",
];

/// Runs every parser on `xml`: each returns a value or a typed error.
fn parse_all(xml: &[u8]) -> [Option<ErrorKind>; 3] {
    [
        parse_create_multipart_upload(xml).err().map(|e| e.kind()),
        parse_list_parts(xml).err().map(|e| e.kind()),
        parse_error(xml).err().map(|e| e.kind()),
    ]
}

/// The `<Name>…</Name>` spans of elements without children in `xml`.
fn leaf_spans(xml: &str) -> Vec<std::ops::Range<usize>> {
    let mut spans = Vec::new();
    for (start, _) in xml.match_indices('<') {
        let rest = &xml[start + 1..];
        let Some(len) = rest.find('>') else { continue };
        let name = &rest[..len];
        if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric()) {
            continue;
        }
        let close = format!("</{name}>");
        if let Some(at) = rest.find(&close) {
            let inner = &rest[len + 1..at];
            if !inner.contains('<') {
                spans.push(start..start + 1 + at + close.len());
            }
        }
    }
    spans
}

#[test]
fn a_leaf_given_twice_is_refused_where_the_parser_reads_it() {
    fn duplicated(xml: &str, span: std::ops::Range<usize>) -> String {
        format!(
            "{}{}{}",
            &xml[..span.end],
            &xml[span.clone()],
            &xml[span.end..]
        )
    }
    // Every leaf of these answers is one the parser reads.
    for span in leaf_spans(CREATE_S3) {
        let dup = duplicated(CREATE_S3, span);
        let err = parse_create_multipart_upload(&dup).unwrap_err();
        assert!(err.to_string().ends_with("appears twice"), "{dup}");
    }
    for span in leaf_spans(ERROR_S3) {
        let dup = duplicated(ERROR_S3, span);
        let err = parse_error(&dup).unwrap_err();
        assert!(err.to_string().ends_with("appears twice"), "{dup}");
    }
    // parse_list_parts skips <Bucket>, <Key> and <UploadId>.
    for span in leaf_spans(LIST_S3S) {
        let name =
            &LIST_S3S[span.start + 1..LIST_S3S[span.start..].find('>').unwrap() + span.start];
        let dup = duplicated(LIST_S3S, span.clone());
        let got = parse_list_parts(&dup);
        if ["Bucket", "Key", "UploadId"].contains(&name) {
            assert!(got.is_ok(), "{dup}");
        } else {
            assert!(
                got.unwrap_err().to_string().ends_with("appears twice"),
                "{dup}"
            );
        }
    }
    // A whole <Part> given twice.
    let part = &LIST_S3S[LIST_S3S.find("<Part>").unwrap()..LIST_S3S.find("</Part>").unwrap() + 7];
    let dup = LIST_S3S.replacen(part, &format!("{part}{part}"), 1);
    assert_eq!(
        xml_error(&dup),
        "XML element <PartNumber> is the same in two parts"
    );
}

fn mutated() -> impl Strategy<Value = Vec<u8>> {
    let sample = proptest::sample::select(SAMPLES.to_vec());
    prop_oneof![
        // Truncated.
        (sample.clone(), any::<proptest::sample::Index>())
            .prop_map(|(s, i)| s.as_bytes()[..i.index(s.len())].to_vec()),
        // Bytes flipped.
        (
            sample.clone(),
            proptest::collection::vec((any::<proptest::sample::Index>(), any::<u8>()), 1..4)
        )
            .prop_map(|(s, flips)| {
                let mut b = s.as_bytes().to_vec();
                for (i, v) in flips {
                    let at = i.index(b.len());
                    b[at] = v;
                }
                b
            }),
        // A leaf element duplicated.
        (sample.clone(), any::<proptest::sample::Index>()).prop_map(|(s, i)| {
            let spans = leaf_spans(s);
            let span = spans[i.index(spans.len())].clone();
            format!("{}{}{}", &s[..span.end], &s[span.clone()], &s[span.end..]).into_bytes()
        }),
        // Something hostile inserted anywhere.
        (
            sample,
            proptest::sample::select(INSERTS.to_vec()),
            any::<proptest::sample::Index>()
        )
            .prop_map(|(s, insert, i)| {
                let mut at = i.index(s.len() + 1);
                while !s.is_char_boundary(at) {
                    at -= 1;
                }
                format!("{}{insert}{}", &s[..at], &s[at..]).into_bytes()
            }),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
        for kind in parse_all(&bytes).into_iter().flatten() {
            prop_assert_eq!(kind, ErrorKind::Xml);
        }
    }

    #[test]
    fn xml_like_bytes_never_panic(
        text in "(<[A-Za-z]{1,3}( [a-z]{1,2}=\"[^\"<]{0,3}\")?/?>|</[A-Za-z]{1,3}>|&[a-z#0-9x]{0,5};?|<!\\[CDATA\\[|\\]\\]>|<!--|-->|<\\?|\\?>|<!DOCTYPE|[ a-z\n\r]{0,4}){0,30}"
    ) {
        for kind in parse_all(text.as_bytes()).into_iter().flatten() {
            prop_assert_eq!(kind, ErrorKind::Xml);
        }
    }

    #[test]
    fn mutated_answers_never_panic(bytes in mutated()) {
        let kinds = parse_all(&bytes);
        for kind in kinds.into_iter().flatten() {
            prop_assert_eq!(kind, ErrorKind::Xml);
        }
        // A DOCTYPE anywhere is always refused.
        if bytes.windows(9).any(|w| w == b"<!DOCTYPE") {
            prop_assert!(kinds.iter().all(Option::is_some));
        }
    }

}

proptest! {
    #[test]
    fn list_answers_round_trip(
        parts in proptest::collection::btree_map(1..=MAX_PARTS, (etag(), any::<u64>(), checksum(), any::<bool>()), 0..20),
        truncated in any::<bool>(),
        marker in 1..=MAX_PARTS,
    ) {
        let mut xml = format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ListPartsResult xmlns=\"{}\">\n <IsTruncated>{truncated}</IsTruncated><NextPartNumberMarker>{marker}</NextPartNumberMarker>",
            super::reader::S3_NAMESPACE
        );
        let mut want = Vec::new();
        // Written in reverse: the parser sorts.
        for (n, (etag, size, checksum, stamped)) in parts.iter().rev() {
            let escaped = complete_multipart_upload_body(&[CompletedPart::new(1, etag.clone())]).unwrap();
            let escaped = &escaped[escaped.find("<ETag>").unwrap()..escaped.find("<PartNumber>").unwrap()];
            xml.push_str(&format!("\n <Part><PartNumber>{n}</PartNumber>{escaped}<Size>{size}</Size>"));
            if let Some((a, v)) = checksum {
                xml.push_str(&format!("<Checksum{a}>{v}</Checksum{a}>"));
            }
            if *stamped {
                xml.push_str("<LastModified>2026-11-29T21:28:02.372Z</LastModified>");
            }
            xml.push_str("</Part>");
            want.push(ListedPart {
                part_number: *n,
                etag: etag.clone(),
                size: *size,
                last_modified: stamped.then(|| "2026-11-29T21:28:02.372Z".to_owned()),
                checksum: checksum.clone(),
            });
        }
        xml.push_str("\n</ListPartsResult>\n");
        want.reverse();
        let page = parse_list_parts(&xml).unwrap();
        prop_assert_eq!(page.parts, want);
        prop_assert_eq!(page.is_truncated, truncated);
        prop_assert_eq!(page.next_part_number_marker, Some(marker));
    }

    #[test]
    fn create_answers_round_trip(bucket in "[a-z0-9.-]{3,63}", key in "[^\\p{Cc}\u{FFFE}\u{FFFF}]{1,200}", id in "[A-Za-z0-9._-]{1,200}") {
        let escape = |s: &str| s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;");
        let xml = format!(
            "<InitiateMultipartUploadResult xmlns=\"{}\"><Bucket>{}</Bucket><Key>{}</Key><UploadId>{}</UploadId></InitiateMultipartUploadResult>",
            super::reader::S3_NAMESPACE, escape(&bucket), escape(&key), escape(&id)
        );
        let created = parse_create_multipart_upload(xml).unwrap();
        prop_assert_eq!(
            (created.bucket, created.key, created.upload_id),
            (bucket, key, id)
        );
    }
}

#[test]
fn cows_borrow_plain_text() {
    // Plain text is handed out without copying.
    let mut borrowed = 0;
    walk(LIST_S3S.as_bytes(), "ListPartsResult", |item| {
        if let Item::Leaf {
            text: Cow::Borrowed(_),
            ..
        } = item
        {
            borrowed += 1;
        }
        Ok(())
    })
    .unwrap();
    assert!(borrowed > 10);
}
