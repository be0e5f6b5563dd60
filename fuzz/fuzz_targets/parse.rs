//! Arbitrary bytes (lossily UTF-8) -> `pattern::parse`. Parsing must never
//! panic; on success the canonical text must parse back to the normal form
//! (`print.rs` property) and be a fixed point, and the evaluator must not
//! panic on a CloudTrail-like event or on raw text.
#![no_main]

use cis_monitor::pattern::eval::matches_text;
use cis_monitor::pattern::parser::MAX_PATTERN_CHARS;
use cis_monitor::pattern::print::{normalize, strip_spans};
use cis_monitor::pattern::{canonical, matches, parse};
use libfuzzer_sys::fuzz_target;
use serde_json::Value;
use std::sync::LazyLock;

static EVENT_TEXT: &str = r#"{"eventVersion":"1.08","userIdentity":{"type":"Root","principalId":"111122223333","arn":"arn:aws:iam::111122223333:root","accountId":"111122223333","invokedBy":null,"sessionContext":{"attributes":{"mfaAuthenticated":"false"}}},"eventTime":"2024-01-01T00:00:00Z","eventSource":"signin.amazonaws.com","eventName":"ConsoleLogin","awsRegion":"us-east-1","sourceIPAddress":"1.2.3.4","userAgent":"Mozilla/5.0","errorCode":"AccessDenied","errorMessage":"Failed authentication","requestParameters":null,"responseElements":{"ConsoleLogin":"Failure"},"additionalEventData":{"MFAUsed":"No","LoginTo":"https://console.aws.amazon.com"},"resources":[{"ARN":"arn:aws:s3:::b","type":"AWS::S3::Bucket"},{"ARN":"arn:aws:kms:us-east-1:111122223333:key/k"}],"readOnly":false,"managementEvent":true,"recipientAccountId":"111122223333","size":-1.5e3,"count":0,"flags":[true,false,null,1,"x",[]],"cluster.name":"c","empty":{}}"#;

static EVENT: LazyLock<Value> =
    LazyLock::new(|| serde_json::from_str(EVENT_TEXT).expect("the fixed event is JSON"));

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let Ok(p) = parse(&text) else {
        return;
    };

    let c = canonical(&p);
    if c.chars().count() <= MAX_PATTERN_CHARS {
        let q = match parse(&c) {
            Ok(q) => q,
            Err(e) => panic!("canonical {c:?} of {text:?} does not parse: {e:?}"),
        };
        assert_eq!(
            strip_spans(&q),
            normalize(&p),
            "canonical {c:?} of {text:?} parses to another normal form"
        );
        assert_eq!(
            canonical(&q),
            c,
            "canonical text of {text:?} is not a fixed point"
        );
    }

    let _ = matches(&p, &EVENT);
    let _ = matches(&p, &Value::Null);
    let _ = matches_text(&p, EVENT_TEXT);
    let _ = matches_text(&p, &text);
});
