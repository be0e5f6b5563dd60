//! Arbitrary bytes (lossily UTF-8) -> `pattern::parse`. Parsing must never
//! panic; on success the canonical text must parse back to the normal form
//! (`print.rs` property) and be a fixed point, and the evaluator must not
//! panic on a CloudTrail-like event or on raw text, where the normal form
//! must match exactly when the pattern does.
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

    let on_event = matches(&p, &EVENT);
    let on_null = matches(&p, &Value::Null);
    let on_event_text = matches_text(&p, EVENT_TEXT);
    let on_itself = matches_text(&p, &text);

    // The normal form means the same: it matches exactly what the pattern matches.
    let n = normalize(&p);
    assert_eq!(
        matches(&n, &EVENT),
        on_event,
        "normal form of {text:?} on the event"
    );
    assert_eq!(
        matches(&n, &Value::Null),
        on_null,
        "normal form of {text:?} on null"
    );
    assert_eq!(
        matches_text(&n, EVENT_TEXT),
        on_event_text,
        "normal form of {text:?} on the event text"
    );
    assert_eq!(
        matches_text(&n, &text),
        on_itself,
        "normal form of {text:?} on its own text"
    );
});
