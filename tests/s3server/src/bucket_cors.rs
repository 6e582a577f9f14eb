//! Bucket CORS configured through the S3 API, as on S3 and R2: PutBucketCors,
//! GetBucketCors and DeleteBucketCors (signed like any S3 request) store rules
//! per bucket, and a middleware answers preflights and adds the CORS headers
//! of the first rule that matches a request's origin and method.

use std::collections::HashMap;
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, RwLock};
use std::task::{Context, Poll};

use http::{header, HeaderMap, HeaderValue, Method, Request, Response, StatusCode, Uri};
use s3s::dto::CORSConfiguration;
use s3s::route::S3Route;
use s3s::xml::{Deserialize, Deserializer};
use s3s::{s3_error, Body, S3Request, S3Response, S3Result};

/// One CORS rule, as PutBucketCors stores it.
#[derive(Debug, Clone)]
struct Rule {
    origins: Vec<String>,
    methods: Vec<String>,
    headers: Vec<String>,
    expose: Vec<String>,
    max_age: Option<i32>,
}

impl Rule {
    fn allows(&self, origin: &str, method: &str) -> bool {
        self.origins.iter().any(|o| o == "*" || o == origin)
            && self.methods.iter().any(|m| m == method)
    }

    /// Whether a requested header is allowed: an `AllowedHeader` matches it
    /// case-insensitively, and may hold one `*` standing for any characters
    /// (`x-amz-checksum-*`), as on S3 and R2.
    fn allows_header(&self, name: &str) -> bool {
        let name = name.to_ascii_lowercase();
        self.headers.iter().any(|h| {
            let h = h.to_ascii_lowercase();
            match h.split_once('*') {
                Some((head, tail)) => {
                    name.len() >= head.len() + tail.len()
                        && name.starts_with(head)
                        && name.ends_with(tail)
                }
                None => h == name,
            }
        })
    }
}

/// The rules of every bucket that has some.
#[derive(Debug, Clone, Default)]
pub struct CorsStore(Arc<RwLock<HashMap<String, Vec<Rule>>>>);

impl CorsStore {
    fn rules(&self, bucket: &str) -> Vec<Rule> {
        let map = self.0.read().unwrap_or_else(|e| e.into_inner());
        map.get(bucket).cloned().unwrap_or_default()
    }

    fn set(&self, bucket: &str, rules: Option<Vec<Rule>>) {
        let mut map = self.0.write().unwrap_or_else(|e| e.into_inner());
        match rules {
            Some(rules) => map.insert(bucket.to_owned(), rules),
            None => map.remove(bucket),
        };
    }
}

/// The bucket of a path-style request (`/bucket/...`).
fn bucket_of(uri: &Uri) -> &str {
    uri.path()
        .trim_start_matches('/')
        .split('/')
        .next()
        .unwrap_or_default()
}

/// `?cors` on a bucket: the S3 API's bucket CORS operations.
pub struct CorsRoute(pub CorsStore);

#[async_trait::async_trait]
impl S3Route for CorsRoute {
    fn is_match(
        &self,
        method: &Method,
        uri: &Uri,
        _: &HeaderMap,
        _: &mut http::Extensions,
    ) -> bool {
        let single_segment = !uri.path().trim_matches('/').contains('/');
        let cors_query = uri
            .query()
            .is_some_and(|q| q.split('&').any(|p| p == "cors" || p == "cors="));
        cors_query
            && single_segment
            && matches!(*method, Method::PUT | Method::GET | Method::DELETE)
    }

    async fn call(&self, mut req: S3Request<Body>) -> S3Result<S3Response<Body>> {
        let bucket = bucket_of(&req.uri).to_owned();
        match req.method {
            Method::PUT => {
                let bytes = req.input.store_all_limited(64 * 1024).await.map_err(|_| {
                    s3_error!(MalformedXML, "CORS configuration too large or unreadable")
                })?;
                let config = CORSConfiguration::deserialize(&mut Deserializer::new(&bytes))
                    .map_err(|_| s3_error!(MalformedXML, "not a CORSConfiguration"))?;
                let rules = config
                    .cors_rules
                    .into_iter()
                    .map(|r| Rule {
                        origins: r.allowed_origins,
                        methods: r.allowed_methods,
                        headers: r.allowed_headers.unwrap_or_default(),
                        expose: r.expose_headers.unwrap_or_default(),
                        max_age: r.max_age_seconds,
                    })
                    .collect();
                self.0.set(&bucket, Some(rules));
                Ok(S3Response::new(Body::empty()))
            }
            Method::DELETE => {
                self.0.set(&bucket, None);
                let mut resp = S3Response::new(Body::empty());
                resp.status = Some(StatusCode::NO_CONTENT);
                Ok(resp)
            }
            _ => {
                let rules = self.0.rules(&bucket);
                if rules.is_empty() {
                    return Err(s3_error!(NoSuchCORSConfiguration));
                }
                Ok(S3Response::new(Body::from(rules_xml(&rules))))
            }
        }
    }
}

fn rules_xml(rules: &[Rule]) -> String {
    let mut xml = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?><CORSConfiguration>");
    for r in rules {
        xml.push_str("<CORSRule>");
        let lists = [
            ("AllowedOrigin", &r.origins),
            ("AllowedMethod", &r.methods),
            ("AllowedHeader", &r.headers),
            ("ExposeHeader", &r.expose),
        ];
        for (tag, values) in lists {
            for v in values {
                xml.push_str(&format!("<{tag}>{}</{tag}>", escape(v)));
            }
        }
        if let Some(age) = r.max_age {
            xml.push_str(&format!("<MaxAgeSeconds>{age}</MaxAgeSeconds>"));
        }
        xml.push_str("</CORSRule>");
    }
    xml.push_str("</CORSConfiguration>");
    xml
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// Middleware applying the stored rules in front of the S3 service.
#[derive(Clone)]
pub struct BucketCors<S> {
    pub inner: S,
    pub store: CorsStore,
}

type BoxFuture<T> = Pin<Box<dyn Future<Output = T> + Send>>;

impl<S, B> tower::Service<Request<B>> for BucketCors<S>
where
    S: tower::Service<Request<B>, Response = Response<Body>> + Clone + Send + 'static,
    S::Future: Send,
    S::Error: Send + 'static,
    B: Send + 'static,
{
    type Response = Response<Body>;
    type Error = S::Error;
    type Future = BoxFuture<Result<Response<Body>, S::Error>>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), S::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, req: Request<B>) -> Self::Future {
        let origin = req
            .headers()
            .get(header::ORIGIN)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned);
        let Some(origin) = origin else {
            return Box::pin(self.inner.call(req));
        };
        let rules = self.store.rules(bucket_of(req.uri()));
        if req.method() == Method::OPTIONS {
            return Box::pin(std::future::ready(Ok(preflight(
                &rules,
                &origin,
                req.headers(),
            ))));
        }
        let rule = rules
            .into_iter()
            .find(|r| r.allows(&origin, req.method().as_str()));
        let fut = self.inner.call(req);
        Box::pin(async move {
            let mut resp = fut.await?;
            if let Some(rule) = rule {
                let h = resp.headers_mut();
                insert(h, header::ACCESS_CONTROL_ALLOW_ORIGIN, &origin);
                if !rule.expose.is_empty() {
                    insert(
                        h,
                        header::ACCESS_CONTROL_EXPOSE_HEADERS,
                        &rule.expose.join(", "),
                    );
                }
                h.append(header::VARY, HeaderValue::from_static("Origin"));
            }
            Ok(resp)
        })
    }
}

fn insert(h: &mut HeaderMap, name: header::HeaderName, value: &str) {
    if let Ok(v) = HeaderValue::from_str(value) {
        h.insert(name, v);
    }
}

/// The answer to a preflight: 200 with the allowed method and headers when a
/// rule allows the origin, method and every requested header; 403 otherwise.
fn preflight(rules: &[Rule], origin: &str, headers: &HeaderMap) -> Response<Body> {
    let method = headers
        .get(header::ACCESS_CONTROL_REQUEST_METHOD)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    let requested: Vec<&str> = headers
        .get(header::ACCESS_CONTROL_REQUEST_HEADERS)
        .and_then(|v| v.to_str().ok())
        .map(|v| {
            v.split(',')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .collect()
        })
        .unwrap_or_default();
    let rule = rules
        .iter()
        .find(|r| r.allows(origin, method) && requested.iter().all(|h| r.allows_header(h)));
    let mut resp = Response::new(Body::empty());
    match rule {
        Some(rule) => {
            let h = resp.headers_mut();
            insert(h, header::ACCESS_CONTROL_ALLOW_ORIGIN, origin);
            insert(h, header::ACCESS_CONTROL_ALLOW_METHODS, method);
            if !requested.is_empty() {
                insert(
                    h,
                    header::ACCESS_CONTROL_ALLOW_HEADERS,
                    &requested.join(", "),
                );
            }
            if let Some(age) = rule.max_age {
                insert(h, header::ACCESS_CONTROL_MAX_AGE, &age.to_string());
            }
            h.append(header::VARY, HeaderValue::from_static("Origin"));
        }
        None => *resp.status_mut() = StatusCode::FORBIDDEN,
    }
    resp
}
