//! The CIS monitoring controls of every benchmark version, as data: one static table per benchmark.

use crate::pattern::{self, Pattern, Relation, RelationKind};
use crate::report::Status;
use serde::Serialize;
use std::fmt;

/// A benchmark whose monitoring controls cis-monitor knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub enum Benchmark {
    #[serde(rename = "1.2.0")]
    Cis120,
    #[serde(rename = "1.3.0")]
    Cis130,
    #[serde(rename = "1.4.0")]
    Cis140,
    #[serde(rename = "1.5.0")]
    Cis150,
    #[serde(rename = "2.0.0")]
    Cis200,
    #[serde(rename = "3.0.0")]
    Cis300,
    #[serde(rename = "4.0.0")]
    Cis400,
    #[serde(rename = "5.0.0")]
    Cis500,
    #[serde(rename = "6.0.0")]
    Cis600,
    #[serde(rename = "7.0.0")]
    Cis700,
    /// AWS Security Hub CloudWatch.1-14.
    #[serde(rename = "securityhub")]
    SecurityHub,
}

impl Benchmark {
    pub const ALL: [Benchmark; 11] = [
        Benchmark::Cis120,
        Benchmark::Cis130,
        Benchmark::Cis140,
        Benchmark::Cis150,
        Benchmark::Cis200,
        Benchmark::Cis300,
        Benchmark::Cis400,
        Benchmark::Cis500,
        Benchmark::Cis600,
        Benchmark::Cis700,
        Benchmark::SecurityHub,
    ];

    /// The newest CIS version: the default everywhere.
    pub const LATEST: Benchmark = Benchmark::Cis700;

    /// `1.2.0` ... `7.0.0`, or `securityhub`.
    pub fn key(self) -> &'static str {
        match self {
            Benchmark::Cis120 => "1.2.0",
            Benchmark::Cis130 => "1.3.0",
            Benchmark::Cis140 => "1.4.0",
            Benchmark::Cis150 => "1.5.0",
            Benchmark::Cis200 => "2.0.0",
            Benchmark::Cis300 => "3.0.0",
            Benchmark::Cis400 => "4.0.0",
            Benchmark::Cis500 => "5.0.0",
            Benchmark::Cis600 => "6.0.0",
            Benchmark::Cis700 => "7.0.0",
            Benchmark::SecurityHub => "securityhub",
        }
    }

    pub fn from_key(key: &str) -> Option<Benchmark> {
        Benchmark::ALL.into_iter().find(|b| b.key() == key)
    }

    /// The name people know it by: `CIS AWS Foundations Benchmark v7.0.0`.
    pub fn name(self) -> String {
        match self {
            Benchmark::SecurityHub => "AWS Security Hub CloudWatch.1-14".to_string(),
            b => format!("CIS AWS Foundations Benchmark v{}", b.key()),
        }
    }

    /// What every control id of this benchmark starts with: `3.`, `4.`, `5.` or `CloudWatch.`.
    pub fn id_prefix(self) -> &'static str {
        match self {
            Benchmark::Cis120 => "3.",
            Benchmark::Cis600 | Benchmark::Cis700 => "5.",
            Benchmark::SecurityHub => "CloudWatch.",
            _ => "4.",
        }
    }
}

impl fmt::Display for Benchmark {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.key())
    }
}

/// How the benchmark says a control is assessed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Assessment {
    /// CIS 1.2.0: counts towards the score.
    Scored,
    /// CIS 1.3.0-1.5.0 (and 4.0.0 4.1); Security Hub checks.
    Automated,
    /// CIS 2.0.0 and later.
    Manual,
}

impl Assessment {
    pub fn as_str(self) -> &'static str {
        match self {
            Assessment::Scored => "Scored",
            Assessment::Automated => "Automated",
            Assessment::Manual => "Manual",
        }
    }
}

/// One prescribed pattern of a control. A control may print several; covering any one passes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Prescribed {
    /// Where the benchmark prints it: `audit`, `remediation`, `audit (SSO alternative)`, ...
    pub source: &'static str,
    /// The pattern exactly as printed.
    pub pattern: &'static str,
}

/// A monitoring control as one benchmark version states it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Control {
    /// Stable across versions, e.g. `s3-bucket-policy-changes`.
    pub slug: &'static str,
    pub benchmark: Benchmark,
    /// The number in that benchmark: `3.8`, `4.8`, `5.8`, `CloudWatch.8`.
    pub id: &'static str,
    pub title: &'static str,
    /// CIS profile level 1 or 2 (`None` for Security Hub).
    pub level: Option<u8>,
    pub assessment: Assessment,
    /// The acceptable prescribed patterns (at least one).
    pub alternatives: &'static [Prescribed],
    /// Quirks of this version's text that a user should be told about.
    pub notes: &'static [&'static str],
}

/// Every control of `b`, in the benchmark's order.
pub fn controls(b: Benchmark) -> &'static [Control] {
    match b {
        Benchmark::Cis120 => CIS_120,
        Benchmark::Cis130 => CIS_130,
        Benchmark::Cis140 => CIS_140,
        Benchmark::Cis150 => CIS_150,
        Benchmark::Cis200 => CIS_200,
        Benchmark::Cis300 => CIS_300,
        Benchmark::Cis400 => CIS_400,
        Benchmark::Cis500 => CIS_500,
        Benchmark::Cis600 => CIS_600,
        Benchmark::Cis700 => CIS_700,
        Benchmark::SecurityHub => SECURITY_HUB,
    }
}

/// The control of `b` with this number (`4.8`, `CloudWatch.8`, case-insensitive) or slug.
pub fn find(b: Benchmark, id_or_slug: &str) -> Option<&'static Control> {
    let wanted = id_or_slug.trim();
    controls(b)
        .iter()
        .find(|c| c.id.eq_ignore_ascii_case(wanted) || c.slug == wanted)
}

/// How one actual pattern fares against one control: the best of its alternatives.
#[derive(Debug, Clone, PartialEq)]
pub struct Judgement {
    pub control: &'static Control,
    /// The prescribed pattern the relation is about.
    pub alternative: &'static Prescribed,
    /// How the actual pattern relates to `alternative`.
    pub relation: Relation,
}

impl Judgement {
    /// PASS if the best alternative is covered, UNKNOWN if it could not be decided, else FAIL.
    pub fn status(&self) -> Status {
        if self.relation.kind.covers() {
            Status::Pass
        } else if self.relation.kind == RelationKind::Undecided {
            Status::Unknown
        } else {
            Status::Fail
        }
    }
}

/// Relate `actual` to every alternative of `control` and keep the best: a covered one
/// (equivalent before broader), else an undecided one (the control may still be covered),
/// else the most informative failure (narrower, overlapping, disjoint, not applicable).
/// Ties go to the alternative printed first.
pub fn judge(control: &'static Control, actual: &Pattern) -> Judgement {
    control
        .alternatives
        .iter()
        .map(|alternative| Judgement {
            control,
            alternative,
            relation: relate_prescribed(alternative, actual),
        })
        .min_by_key(|j| rank(j.relation.kind))
        .unwrap_or_else(|| Judgement {
            control,
            alternative: &NO_ALTERNATIVE,
            relation: undecided(format!("control {} has no prescribed pattern", control.id)),
        })
}

static NO_ALTERNATIVE: Prescribed = Prescribed {
    source: "none",
    pattern: "",
};

fn relate_prescribed(alternative: &Prescribed, actual: &Pattern) -> Relation {
    match pattern::parse(alternative.pattern) {
        Ok(prescribed) => pattern::relate(&prescribed, actual),
        Err(e) => undecided(format!("the prescribed pattern does not parse: {e}")),
    }
}

fn undecided(note: String) -> Relation {
    Relation {
        kind: RelationKind::Undecided,
        missed_event: None,
        extra_event: None,
        note: Some(note),
    }
}

fn rank(kind: RelationKind) -> u8 {
    match kind {
        RelationKind::Equivalent => 0,
        RelationKind::Broader => 1,
        RelationKind::Undecided => 2,
        RelationKind::Narrower => 3,
        RelationKind::Overlapping => 4,
        RelationKind::Disjoint => 5,
        RelationKind::NotApplicable => 6,
    }
}

// ---------------------------------------------------------------------------
// Slugs: stable names of the controls across versions.

pub const UNAUTHORIZED_API_CALLS: &str = "unauthorized-api-calls";
pub const CONSOLE_SIGNIN_WITHOUT_MFA: &str = "console-signin-without-mfa";
pub const ROOT_ACCOUNT_USAGE: &str = "root-account-usage";
pub const IAM_POLICY_CHANGES: &str = "iam-policy-changes";
pub const CLOUDTRAIL_CONFIG_CHANGES: &str = "cloudtrail-config-changes";
pub const CONSOLE_AUTH_FAILURES: &str = "console-auth-failures";
pub const CMK_DISABLE_OR_DELETION: &str = "cmk-disable-or-deletion";
pub const S3_BUCKET_POLICY_CHANGES: &str = "s3-bucket-policy-changes";
pub const CONFIG_CHANGES: &str = "config-changes";
pub const SECURITY_GROUP_CHANGES: &str = "security-group-changes";
pub const NACL_CHANGES: &str = "nacl-changes";
pub const NETWORK_GATEWAY_CHANGES: &str = "network-gateway-changes";
pub const ROUTE_TABLE_CHANGES: &str = "route-table-changes";
pub const VPC_CHANGES: &str = "vpc-changes";
pub const ORGANIZATIONS_CHANGES: &str = "organizations-changes";

/// Every slug, in CIS order (organizations-changes exists from CIS 1.3.0 on).
pub const SLUGS: [&str; 15] = [
    UNAUTHORIZED_API_CALLS,
    CONSOLE_SIGNIN_WITHOUT_MFA,
    ROOT_ACCOUNT_USAGE,
    IAM_POLICY_CHANGES,
    CLOUDTRAIL_CONFIG_CHANGES,
    CONSOLE_AUTH_FAILURES,
    CMK_DISABLE_OR_DELETION,
    S3_BUCKET_POLICY_CHANGES,
    CONFIG_CHANGES,
    SECURITY_GROUP_CHANGES,
    NACL_CHANGES,
    NETWORK_GATEWAY_CHANGES,
    ROUTE_TABLE_CHANGES,
    VPC_CHANGES,
    ORGANIZATIONS_CHANGES,
];

// ---------------------------------------------------------------------------
// Patterns, byte-exact as the benchmarks print them (double spaces included).

/// Unauthorized API calls, CIS 1.2.0 3.1 (audit and remediation).
const UNAUTH_A: &str =
    r#"{ ($.errorCode = "*UnauthorizedOperation") || ($.errorCode = "AccessDenied*") }"#;
/// Unauthorized API calls, CIS 1.4.0 4.1 audit: the intended, parenthesised form.
const UNAUTH_B: &str = r#"{(($.errorCode="*UnauthorizedOperation") || ($.errorCode="AccessDenied*")) && (($.sourceIPAddress!="delivery.logs.amazonaws.com") && ($.eventName!="HeadBucket"))}"#;
/// Unauthorized API calls, CIS 1.3.0 remediation, 1.4.0 remediation, 1.5.0 audit and remediation: matches nearly every event.
const UNAUTH_C: &str = r#"{ ($.errorCode = "*UnauthorizedOperation") || ($.errorCode = "AccessDenied*") || ($.sourceIPAddress!="delivery.logs.amazonaws.com") || ($.eventName!="HeadBucket") }"#;
/// Unauthorized API calls, CIS 2.0.0 and later: `A || B && C && D`.
const UNAUTH_D: &str = r#"{ ($.errorCode ="*UnauthorizedOperation") || ($.errorCode ="AccessDenied*") && ($.sourceIPAddress!="delivery.logs.amazonaws.com") && ($.eventName!="HeadBucket") }"#;
/// Console sign-in without MFA, every CIS version.
const MFA_BASIC: &str =
    r#"{ ($.eventName = "ConsoleLogin") && ($.additionalEventData.MFAUsed != "Yes") }"#;
/// Console sign-in without MFA, the SSO alternative (CIS 1.3.0 and later; Security Hub CloudWatch.3).
const MFA_SSO: &str = r#"{ ($.eventName = "ConsoleLogin") && ($.additionalEventData.MFAUsed != "Yes") && ($.userIdentity.type = "IAMUser") && ($.responseElements.ConsoleLogin = "Success") }"#;
/// The SSO pattern as the 1.4.0/2.0.0 "Additional Information" paragraph misprints it (missing `)`): not prescribed, kept for tests.
#[cfg(test)]
const MFA_SSO_ADDITIONAL_INFO_TYPO: &str = r#"{ ($.eventName = "ConsoleLogin") && ($.additionalEventData.MFAUsed != "Yes") && ($.userIdentity.type = "IAMUser") && ($.responseElements.ConsoleLogin = "Success"}"#;
/// Usage of the root account, every CIS version.
const ROOT: &str = r#"{ $.userIdentity.type = "Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType != "AwsServiceEvent" }"#;
/// IAM policy changes, every CIS version except the 1.3.0 remediation text.
const IAM: &str = r#"{($.eventName=DeleteGroupPolicy)||($.eventName=DeleteRolePolicy)||($.eventName=DeleteUserPolicy)||($.eventName=PutGroupPolicy)||($.eventName=PutRolePolicy)||($.eventName=PutUserPolicy)||($.eventName=CreatePolicy)||($.eventName=DeletePolicy)||($.eventName=CreatePolicyVersion)||($.eventName=DeletePolicyVersion)||($.eventName=AttachRolePolicy)||($.eventName=DetachRolePolicy)||($.eventName=AttachUserPolicy)||($.eventName=DetachUserPolicy)||($.eventName=AttachGroupPolicy)||($.eventName=DetachGroupPolicy)}"#;
/// CloudTrail configuration changes.
const CLOUDTRAIL: &str = r#"{ ($.eventName = CreateTrail) || ($.eventName = UpdateTrail) || ($.eventName = DeleteTrail) || ($.eventName = StartLogging) || ($.eventName = StopLogging) }"#;
/// Console authentication failures.
const CONSOLE_AUTH_FAIL: &str =
    r#"{ ($.eventName = ConsoleLogin) && ($.errorMessage = "Failed authentication") }"#;
/// Disabling or scheduled deletion of customer created CMKs.
const KMS_CMK: &str = r#"{($.eventSource = kms.amazonaws.com) && (($.eventName=DisableKey)||($.eventName=ScheduleKeyDeletion)) }"#;
/// S3 bucket policy changes.
const S3_POLICY: &str = r#"{ ($.eventSource = s3.amazonaws.com) && (($.eventName = PutBucketAcl) || ($.eventName = PutBucketPolicy) || ($.eventName = PutBucketCors) || ($.eventName = PutBucketLifecycle) || ($.eventName = PutBucketReplication) || ($.eventName = DeleteBucketPolicy) || ($.eventName = DeleteBucketCors) || ($.eventName = DeleteBucketLifecycle) || ($.eventName = DeleteBucketReplication)) }"#;
/// AWS Config configuration changes.
const CONFIG: &str = r#"{ ($.eventSource = config.amazonaws.com) && (($.eventName=StopConfigurationRecorder)||($.eventName=DeleteDeliveryChannel)||($.eventName=PutDeliveryChannel)||($.eventName=PutConfigurationRecorder)) }"#;
/// Security group changes, CIS 1.2.0 to 4.0.0.
const SG_6: &str = r#"{ ($.eventName = AuthorizeSecurityGroupIngress) || ($.eventName = AuthorizeSecurityGroupEgress) || ($.eventName = RevokeSecurityGroupIngress) || ($.eventName = RevokeSecurityGroupEgress) || ($.eventName = CreateSecurityGroup) || ($.eventName = DeleteSecurityGroup) }"#;
/// Security group changes, CIS 5.0.0 and later (adds `ModifySecurityGroupRules`).
const SG_7: &str = r#"{ ($.eventName = AuthorizeSecurityGroupIngress) || ($.eventName = AuthorizeSecurityGroupEgress) || ($.eventName = RevokeSecurityGroupIngress) || ($.eventName = RevokeSecurityGroupEgress) || ($.eventName = CreateSecurityGroup) || ($.eventName = DeleteSecurityGroup) || ($.eventName = ModifySecurityGroupRules) }"#;
/// NACL changes.
const NACL: &str = r#"{ ($.eventName = CreateNetworkAcl) || ($.eventName = CreateNetworkAclEntry) || ($.eventName = DeleteNetworkAcl) || ($.eventName = DeleteNetworkAclEntry) || ($.eventName = ReplaceNetworkAclEntry) || ($.eventName = ReplaceNetworkAclAssociation) }"#;
/// Network gateway changes.
const NETWORK_GW: &str = r#"{ ($.eventName = CreateCustomerGateway) || ($.eventName = DeleteCustomerGateway) || ($.eventName = AttachInternetGateway) || ($.eventName = CreateInternetGateway) || ($.eventName = DeleteInternetGateway) || ($.eventName = DetachInternetGateway) }"#;
/// Route table changes: the only pattern up to 2.0.0, the remediation pattern from 3.0.0.
const ROUTE_TABLE: &str = r#"{ ($.eventName = CreateRoute) || ($.eventName = CreateRouteTable) || ($.eventName = ReplaceRoute) || ($.eventName = ReplaceRouteTableAssociation) || ($.eventName = DeleteRouteTable) || ($.eventName = DeleteRoute) || ($.eventName = DisassociateRouteTable) }"#;
/// Route table changes, audit text of CIS 4.0.0 and later.
const ROUTE_TABLE_EC2: &str = r#"{($.eventSource = ec2.amazonaws.com) && ($.eventName = CreateRoute) || ($.eventName = CreateRouteTable) || ($.eventName = ReplaceRoute) || ($.eventName = ReplaceRouteTableAssociation) || ($.eventName = DeleteRouteTable) || ($.eventName = DeleteRoute) || ($.eventName = DisassociateRouteTable) }"#;
/// Route table changes, audit text of CIS 3.0.0 (its own spacing).
const ROUTE_TABLE_EC2_300: &str = r#"{($.eventSource = ec2.amazonaws.com) && ($.eventName =CreateRoute) || ($.eventName = CreateRouteTable) || ($.eventName =ReplaceRoute) || ($.eventName = ReplaceRouteTableAssociation) || ($.eventName= DeleteRouteTable) || ($.eventName = DeleteRoute) || ($.eventName =DisassociateRouteTable) }"#;
/// VPC changes.
const VPC: &str = r#"{ ($.eventName = CreateVpc) || ($.eventName = DeleteVpc) || ($.eventName = ModifyVpcAttribute) || ($.eventName = AcceptVpcPeeringConnection) || ($.eventName = CreateVpcPeeringConnection) || ($.eventName = DeleteVpcPeeringConnection) || ($.eventName = RejectVpcPeeringConnection) || ($.eventName = AttachClassicLinkVpc) || ($.eventName = DetachClassicLinkVpc) || ($.eventName = DisableVpcClassicLink) || ($.eventName = EnableVpcClassicLink) }"#;
/// AWS Organizations changes, CIS 1.3.0 and later (two double spaces as printed).
const ORGS: &str = r#"{ ($.eventSource = organizations.amazonaws.com) && (($.eventName = "AcceptHandshake")  || ($.eventName = "AttachPolicy")  || ($.eventName = "CreateAccount") || ($.eventName = "CreateOrganizationalUnit") || ($.eventName = "CreatePolicy") || ($.eventName = "DeclineHandshake") || ($.eventName = "DeleteOrganization") || ($.eventName = "DeleteOrganizationalUnit") || ($.eventName = "DeletePolicy") ||  ($.eventName = "DetachPolicy") || ($.eventName = "DisablePolicyType") || ($.eventName = "EnablePolicyType") || ($.eventName = "InviteAccountToOrganization") || ($.eventName = "LeaveOrganization") || ($.eventName = "MoveAccount") || ($.eventName = "RemoveAccountFromOrganization") || ($.eventName = "UpdatePolicy") || ($.eventName = "UpdateOrganizationalUnit")) }"#;
/// IAM policy changes as the CIS 1.3.0 remediation prints it (two `$eventName` typos).
/// Not a prescribed pattern: it does not parse (see `NOTE_IAM_130_TYPO`).
#[cfg(test)]
const IAM_130: &str = r#"{($.eventName=DeleteGroupPolicy)||($.eventName=DeleteRolePolicy)||($.eventName=DeleteUserPolicy)||($.eventName=PutGroupPolicy)||($.eventName=PutRolePolicy)||($.eventName=PutUserPolicy)||($.eventName=CreatePolicy)||($.eventName=DeletePolicy)||($.eventName=CreatePolicyVersion)||($.eventName=DeletePolicyVersion)||($.eventName=AttachRolePolicy)||($eventName=DetachRolePolicy)||($.eventName=AttachUserPolicy)||($.eventName=DetachUserPolicy)||($.eventName=AttachGroupPolicy)||($eventName=DetachGroupPolicy)}"#;
/// Security Hub CloudWatch.1 (2023 user guide).
const SH_1: &str = r#"{$.userIdentity.type="Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType !="AwsServiceEvent"}"#;
/// Security Hub CloudWatch.2 (2023 user guide).
const SH_2: &str = r#"{($.errorCode="*UnauthorizedOperation") || ($.errorCode="AccessDenied*")}"#;
/// Security Hub CloudWatch.3 (2023 user guide).
const SH_3: &str = r#"{ ($.eventName = "ConsoleLogin") && ($.additionalEventData.MFAUsed != "Yes") && ($.userIdentity.type = "IAMUser") && ($.responseElements.ConsoleLogin = "Success") }"#;
/// Security Hub CloudWatch.4 (2023 user guide).
const SH_4: &str = r#"{($.eventName=DeleteGroupPolicy) || ($.eventName=DeleteRolePolicy) || ($.eventName=DeleteUserPolicy) || ($.eventName=PutGroupPolicy) || ($.eventName=PutRolePolicy) || ($.eventName=PutUserPolicy) || ($.eventName=CreatePolicy) || ($.eventName=DeletePolicy) || ($.eventName=CreatePolicyVersion) || ($.eventName=DeletePolicyVersion) || ($.eventName=AttachRolePolicy) || ($.eventName=DetachRolePolicy) || ($.eventName=AttachUserPolicy) || ($.eventName=DetachUserPolicy) || ($.eventName=AttachGroupPolicy) || ($.eventName=DetachGroupPolicy)}"#;
/// Security Hub CloudWatch.5 (2023 user guide).
const SH_5: &str = r#"{($.eventName=CreateTrail) || ($.eventName=UpdateTrail) || ($.eventName=DeleteTrail) || ($.eventName=StartLogging) || ($.eventName=StopLogging)}"#;
/// Security Hub CloudWatch.6 (2023 user guide).
const SH_6: &str = r#"{($.eventName=ConsoleLogin) && ($.errorMessage="Failed authentication")}"#;
/// Security Hub CloudWatch.7 (2023 user guide).
const SH_7: &str = r#"{($.eventSource=kms.amazonaws.com) && (($.eventName=DisableKey) || ($.eventName=ScheduleKeyDeletion))}"#;
/// Security Hub CloudWatch.8 (2023 user guide).
const SH_8: &str = r#"{($.eventSource=s3.amazonaws.com) && (($.eventName=PutBucketAcl) || ($.eventName=PutBucketPolicy) || ($.eventName=PutBucketCors) || ($.eventName=PutBucketLifecycle) || ($.eventName=PutBucketReplication) || ($.eventName=DeleteBucketPolicy) || ($.eventName=DeleteBucketCors) || ($.eventName=DeleteBucketLifecycle) || ($.eventName=DeleteBucketReplication))}"#;
/// Security Hub CloudWatch.9 (2023 user guide).
const SH_9: &str = r#"{($.eventSource=config.amazonaws.com) && (($.eventName=StopConfigurationRecorder) || ($.eventName=DeleteDeliveryChannel) || ($.eventName=PutDeliveryChannel) || ($.eventName=PutConfigurationRecorder))}"#;
/// Security Hub CloudWatch.10 (2023 user guide).
const SH_10: &str = r#"{($.eventName=AuthorizeSecurityGroupIngress) || ($.eventName=AuthorizeSecurityGroupEgress) || ($.eventName=RevokeSecurityGroupIngress) || ($.eventName=RevokeSecurityGroupEgress) || ($.eventName=CreateSecurityGroup) || ($.eventName=DeleteSecurityGroup)}"#;
/// Security Hub CloudWatch.11 (2023 user guide).
const SH_11: &str = r#"{($.eventName=CreateNetworkAcl) || ($.eventName=CreateNetworkAclEntry) || ($.eventName=DeleteNetworkAcl) || ($.eventName=DeleteNetworkAclEntry) || ($.eventName=ReplaceNetworkAclEntry) || ($.eventName=ReplaceNetworkAclAssociation)}"#;
/// Security Hub CloudWatch.12 (2023 user guide).
const SH_12: &str = r#"{($.eventName=CreateCustomerGateway) || ($.eventName=DeleteCustomerGateway) || ($.eventName=AttachInternetGateway) || ($.eventName=CreateInternetGateway) || ($.eventName=DeleteInternetGateway) || ($.eventName=DetachInternetGateway)}"#;
/// Security Hub CloudWatch.13 (2023 user guide).
const SH_13: &str = r#"{($.eventName=CreateRoute) || ($.eventName=CreateRouteTable) || ($.eventName=ReplaceRoute) || ($.eventName=ReplaceRouteTableAssociation) || ($.eventName=DeleteRouteTable) || ($.eventName=DeleteRoute) || ($.eventName=DisassociateRouteTable)}"#;
/// Security Hub CloudWatch.14 (2023 user guide).
const SH_14: &str = r#"{($.eventName=CreateVpc) || ($.eventName=DeleteVpc) || ($.eventName=ModifyVpcAttribute) || ($.eventName=AcceptVpcPeeringConnection) || ($.eventName=CreateVpcPeeringConnection) || ($.eventName=DeleteVpcPeeringConnection) || ($.eventName=RejectVpcPeeringConnection) || ($.eventName=AttachClassicLinkVpc) || ($.eventName=DetachClassicLinkVpc) || ($.eventName=DisableVpcClassicLink) || ($.eventName=EnableVpcClassicLink)}"#;
/// Console sign-in without MFA as the CIS 1.3.0 remediation prints it.
const MFA_BASIC_130: &str =
    r#"{($.eventName = "ConsoleLogin") && ($.additionalEventData.MFAUsed != "Yes") }"#;

// ---------------------------------------------------------------------------
// Notes shown to users.

const NOTE_UNAUTH_MATCHES_NEARLY_ALL: &str = "This version's pattern joins the exclusions with `||`: \
     `errorCode = \"*UnauthorizedOperation\" || errorCode = \"AccessDenied*\" || sourceIPAddress != \
     \"delivery.logs.amazonaws.com\" || eventName != \"HeadBucket\"` is true for every event that is \
     not a HeadBucket call, so it matches nearly every CloudTrail event, errors or not. CIS 2.0.0 \
     fixed it (\"avoid including all events\").";
const NOTE_UNAUTH_140_AUDIT: &str = "The 1.4.0 audit text prints the intended form, `(A || B) && \
     sourceIPAddress != \"delivery.logs.amazonaws.com\" && eventName != \"HeadBucket\"`, while the \
     remediation command prints the `||` form; covering either passes.";
const NOTE_UNAUTH_PRECEDENCE: &str = "`&&` binds tighter than `||`, so `A || B && C && D` reads \
     `A || (B && C && D)`: the sourceIPAddress and HeadBucket exclusions apply only to the \
     AccessDenied* branch; an *UnauthorizedOperation error from delivery.logs.amazonaws.com still \
     matches.";
const NOTE_MFA_SSO: &str = "Two patterns are acceptable: the basic one, or the SSO alternative that \
     also requires `userIdentity.type = \"IAMUser\"` and a successful login (fewer false positives \
     when SSO is used); covering either passes.";
const NOTE_MFA_SSO_130: &str = "The SSO alternative is inferred from the 1.3.0 change log (tickets \
     6742, 7726); its text is the one 1.4.0 prints.";
const NOTE_MFA_ADDITIONAL_INFO_TYPO: &str = "The \"Additional Information\" paragraph (seen in the \
     1.4.0 and 2.0.0 texts) repeats the SSO pattern with a missing `)` before `}`; that misprint does \
     not parse and is not a prescribed pattern.";
const NOTE_IAM_130_TYPO: &str = "The 1.3.0 remediation text writes `$eventName` (without the `.`) in \
     the DetachRolePolicy and DetachGroupPolicy clauses. A selector must start with `$.`, so that \
     text is not a valid filter pattern; cis-monitor prescribes the corrected text that 1.4.0 prints.";
const NOTE_SG_MODIFY_RULES: &str = "Adds `ModifySecurityGroupRules` (since 5.0.0): a filter written \
     for earlier versions misses it.";
const NOTE_ROUTE_TABLE_EC2: &str = "The audit text prefixes `($.eventSource = ec2.amazonaws.com) &&` \
     without parentheses, so the source restriction binds only to CreateRoute; the remediation \
     command keeps the pattern without it. Covering either passes.";
const NOTE_130_PROVENANCE: &str = "CIS 1.3.0: only the remediation commands were available (as \
     transcribed by Steampipe); the audit text was not seen.";
const NOTE_SH_EXACT: &str = "Security Hub itself accepts only the exact text (\"additional fields or \
     terms cannot be added\"); cis-monitor judges by meaning, so a pattern that passes here can still \
     fail in Security Hub.";
const NOTE_SH_3: &str = "Security Hub checks the SSO variant, while CIS 1.2.0 3.2 prescribes the \
     basic pattern.";
const NOTE_SH_4: &str = "The current Security Hub guide recommends a filter restricted to IAM API \
     calls (its text was not retrievable); this is the CIS 1.4.0 pattern it checked in 2023.";
const NOTE_SH_7: &str = "Security Hub also fails this control if a trail excludes kms.amazonaws.com \
     management events.";

const fn base(benchmark: Benchmark, assessment: Assessment) -> Control {
    Control {
        slug: "",
        benchmark,
        id: "",
        title: "",
        level: None,
        assessment,
        alternatives: &[],
        notes: &[],
    }
}

/// Printed in both the audit and the remediation text.
const fn both(pattern: &'static str) -> Prescribed {
    Prescribed {
        source: "audit and remediation",
        pattern,
    }
}

const fn audit(pattern: &'static str) -> Prescribed {
    Prescribed {
        source: "audit",
        pattern,
    }
}

const fn remediation(pattern: &'static str) -> Prescribed {
    Prescribed {
        source: "remediation",
        pattern,
    }
}

const fn sso(pattern: &'static str) -> Prescribed {
    Prescribed {
        source: "audit (SSO alternative)",
        pattern,
    }
}

// ---------------------------------------------------------------------------
// The tables.

/// CIS 1.2.0: section 3.
static CIS_120: &[Control] = &[
    Control {
        id: "3.1",
        slug: UNAUTHORIZED_API_CALLS,
        title: "Ensure a log metric filter and alarm exist for unauthorized API calls",
        level: Some(1),
        alternatives: &[both(UNAUTH_A)],
        notes: &[],
        ..base(Benchmark::Cis120, Assessment::Scored)
    },
    Control {
        id: "3.2",
        slug: CONSOLE_SIGNIN_WITHOUT_MFA,
        title: "Ensure a log metric filter and alarm exist for Management Console sign-in without MFA",
        level: Some(1),
        alternatives: &[both(MFA_BASIC)],
        notes: &[],
        ..base(Benchmark::Cis120, Assessment::Scored)
    },
    Control {
        id: "3.3",
        slug: ROOT_ACCOUNT_USAGE,
        title: "Ensure a log metric filter and alarm exist for usage of \"root\" account",
        level: Some(1),
        alternatives: &[both(ROOT)],
        notes: &[],
        ..base(Benchmark::Cis120, Assessment::Scored)
    },
    Control {
        id: "3.4",
        slug: IAM_POLICY_CHANGES,
        title: "Ensure a log metric filter and alarm exist for IAM policy changes",
        level: Some(1),
        alternatives: &[both(IAM)],
        notes: &[],
        ..base(Benchmark::Cis120, Assessment::Scored)
    },
    Control {
        id: "3.5",
        slug: CLOUDTRAIL_CONFIG_CHANGES,
        title: "Ensure a log metric filter and alarm exist for CloudTrail configuration changes",
        level: Some(1),
        alternatives: &[both(CLOUDTRAIL)],
        notes: &[],
        ..base(Benchmark::Cis120, Assessment::Scored)
    },
    Control {
        id: "3.6",
        slug: CONSOLE_AUTH_FAILURES,
        title: "Ensure a log metric filter and alarm exist for AWS Management Console authentication failures",
        level: Some(2),
        alternatives: &[both(CONSOLE_AUTH_FAIL)],
        notes: &[],
        ..base(Benchmark::Cis120, Assessment::Scored)
    },
    Control {
        id: "3.7",
        slug: CMK_DISABLE_OR_DELETION,
        title: "Ensure a log metric filter and alarm exist for disabling or scheduled deletion of customer created CMKs",
        level: Some(2),
        alternatives: &[both(KMS_CMK)],
        notes: &[],
        ..base(Benchmark::Cis120, Assessment::Scored)
    },
    Control {
        id: "3.8",
        slug: S3_BUCKET_POLICY_CHANGES,
        title: "Ensure a log metric filter and alarm exist for S3 bucket policy changes",
        level: Some(1),
        alternatives: &[both(S3_POLICY)],
        notes: &[],
        ..base(Benchmark::Cis120, Assessment::Scored)
    },
    Control {
        id: "3.9",
        slug: CONFIG_CHANGES,
        title: "Ensure a log metric filter and alarm exist for AWS Config configuration changes",
        level: Some(2),
        alternatives: &[both(CONFIG)],
        notes: &[],
        ..base(Benchmark::Cis120, Assessment::Scored)
    },
    Control {
        id: "3.10",
        slug: SECURITY_GROUP_CHANGES,
        title: "Ensure a log metric filter and alarm exist for security group changes",
        level: Some(2),
        alternatives: &[both(SG_6)],
        notes: &[],
        ..base(Benchmark::Cis120, Assessment::Scored)
    },
    Control {
        id: "3.11",
        slug: NACL_CHANGES,
        title: "Ensure a log metric filter and alarm exist for changes to Network Access Control Lists (NACL)",
        level: Some(2),
        alternatives: &[both(NACL)],
        notes: &[],
        ..base(Benchmark::Cis120, Assessment::Scored)
    },
    Control {
        id: "3.12",
        slug: NETWORK_GATEWAY_CHANGES,
        title: "Ensure a log metric filter and alarm exist for changes to network gateways",
        level: Some(1),
        alternatives: &[both(NETWORK_GW)],
        notes: &[],
        ..base(Benchmark::Cis120, Assessment::Scored)
    },
    Control {
        id: "3.13",
        slug: ROUTE_TABLE_CHANGES,
        title: "Ensure a log metric filter and alarm exist for route table changes",
        level: Some(1),
        alternatives: &[both(ROUTE_TABLE)],
        notes: &[],
        ..base(Benchmark::Cis120, Assessment::Scored)
    },
    Control {
        id: "3.14",
        slug: VPC_CHANGES,
        title: "Ensure a log metric filter and alarm exist for VPC changes",
        level: Some(1),
        alternatives: &[both(VPC)],
        notes: &[],
        ..base(Benchmark::Cis120, Assessment::Scored)
    },
];

/// CIS 1.3.0: section 4.
static CIS_130: &[Control] = &[
    Control {
        id: "4.1",
        slug: UNAUTHORIZED_API_CALLS,
        title: "Ensure a log metric filter and alarm exist for unauthorized API calls",
        level: Some(1),
        alternatives: &[remediation(UNAUTH_C)],
        notes: &[NOTE_UNAUTH_MATCHES_NEARLY_ALL, NOTE_130_PROVENANCE],
        ..base(Benchmark::Cis130, Assessment::Automated)
    },
    Control {
        id: "4.2",
        slug: CONSOLE_SIGNIN_WITHOUT_MFA,
        title: "Ensure a log metric filter and alarm exist for Management Console sign-in without MFA",
        level: Some(1),
        alternatives: &[remediation(MFA_BASIC_130), sso(MFA_SSO)],
        notes: &[NOTE_MFA_SSO, NOTE_MFA_SSO_130, NOTE_130_PROVENANCE],
        ..base(Benchmark::Cis130, Assessment::Automated)
    },
    Control {
        id: "4.3",
        slug: ROOT_ACCOUNT_USAGE,
        title: "Ensure a log metric filter and alarm exist for usage of \"root\" account",
        level: Some(1),
        alternatives: &[remediation(ROOT)],
        notes: &[NOTE_130_PROVENANCE],
        ..base(Benchmark::Cis130, Assessment::Automated)
    },
    Control {
        id: "4.4",
        slug: IAM_POLICY_CHANGES,
        title: "Ensure a log metric filter and alarm exist for IAM policy changes",
        level: Some(1),
        alternatives: &[remediation(IAM)],
        notes: &[NOTE_IAM_130_TYPO, NOTE_130_PROVENANCE],
        ..base(Benchmark::Cis130, Assessment::Automated)
    },
    Control {
        id: "4.5",
        slug: CLOUDTRAIL_CONFIG_CHANGES,
        title: "Ensure a log metric filter and alarm exist for CloudTrail configuration changes",
        level: Some(1),
        alternatives: &[remediation(CLOUDTRAIL)],
        notes: &[NOTE_130_PROVENANCE],
        ..base(Benchmark::Cis130, Assessment::Automated)
    },
    Control {
        id: "4.6",
        slug: CONSOLE_AUTH_FAILURES,
        title: "Ensure a log metric filter and alarm exist for AWS Management Console authentication failures",
        level: Some(2),
        alternatives: &[remediation(CONSOLE_AUTH_FAIL)],
        notes: &[NOTE_130_PROVENANCE],
        ..base(Benchmark::Cis130, Assessment::Automated)
    },
    Control {
        id: "4.7",
        slug: CMK_DISABLE_OR_DELETION,
        title: "Ensure a log metric filter and alarm exist for disabling or scheduled deletion of customer created CMKs",
        level: Some(2),
        alternatives: &[remediation(KMS_CMK)],
        notes: &[NOTE_130_PROVENANCE],
        ..base(Benchmark::Cis130, Assessment::Automated)
    },
    Control {
        id: "4.8",
        slug: S3_BUCKET_POLICY_CHANGES,
        title: "Ensure a log metric filter and alarm exist for S3 bucket policy changes",
        level: Some(1),
        alternatives: &[remediation(S3_POLICY)],
        notes: &[NOTE_130_PROVENANCE],
        ..base(Benchmark::Cis130, Assessment::Automated)
    },
    Control {
        id: "4.9",
        slug: CONFIG_CHANGES,
        title: "Ensure a log metric filter and alarm exist for AWS Config configuration changes",
        level: Some(2),
        alternatives: &[remediation(CONFIG)],
        notes: &[NOTE_130_PROVENANCE],
        ..base(Benchmark::Cis130, Assessment::Automated)
    },
    Control {
        id: "4.10",
        slug: SECURITY_GROUP_CHANGES,
        title: "Ensure a log metric filter and alarm exist for security group changes",
        level: Some(2),
        alternatives: &[both(SG_6)],
        notes: &[NOTE_130_PROVENANCE],
        ..base(Benchmark::Cis130, Assessment::Automated)
    },
    Control {
        id: "4.11",
        slug: NACL_CHANGES,
        title: "Ensure a log metric filter and alarm exist for changes to Network Access Control Lists (NACL)",
        level: Some(2),
        alternatives: &[remediation(NACL)],
        notes: &[NOTE_130_PROVENANCE],
        ..base(Benchmark::Cis130, Assessment::Automated)
    },
    Control {
        id: "4.12",
        slug: NETWORK_GATEWAY_CHANGES,
        title: "Ensure a log metric filter and alarm exist for changes to network gateways",
        level: Some(1),
        alternatives: &[remediation(NETWORK_GW)],
        notes: &[NOTE_130_PROVENANCE],
        ..base(Benchmark::Cis130, Assessment::Automated)
    },
    Control {
        id: "4.13",
        slug: ROUTE_TABLE_CHANGES,
        title: "Ensure a log metric filter and alarm exist for route table changes",
        level: Some(1),
        alternatives: &[both(ROUTE_TABLE)],
        notes: &[NOTE_130_PROVENANCE],
        ..base(Benchmark::Cis130, Assessment::Automated)
    },
    Control {
        id: "4.14",
        slug: VPC_CHANGES,
        title: "Ensure a log metric filter and alarm exist for VPC changes",
        level: Some(1),
        alternatives: &[remediation(VPC)],
        notes: &[NOTE_130_PROVENANCE],
        ..base(Benchmark::Cis130, Assessment::Automated)
    },
    Control {
        id: "4.15",
        slug: ORGANIZATIONS_CHANGES,
        title: "Ensure a log metric filter and alarm exists for AWS Organizations changes",
        level: Some(1),
        alternatives: &[remediation(ORGS)],
        notes: &[NOTE_130_PROVENANCE],
        ..base(Benchmark::Cis130, Assessment::Automated)
    },
];

/// CIS 1.4.0: section 4.
static CIS_140: &[Control] = &[
    Control {
        id: "4.1",
        slug: UNAUTHORIZED_API_CALLS,
        title: "Ensure a log metric filter and alarm exist for unauthorized API calls",
        level: Some(1),
        alternatives: &[audit(UNAUTH_B), remediation(UNAUTH_C)],
        notes: &[NOTE_UNAUTH_MATCHES_NEARLY_ALL, NOTE_UNAUTH_140_AUDIT],
        ..base(Benchmark::Cis140, Assessment::Automated)
    },
    Control {
        id: "4.2",
        slug: CONSOLE_SIGNIN_WITHOUT_MFA,
        title: "Ensure a log metric filter and alarm exist for Management Console sign-in without MFA",
        level: Some(1),
        alternatives: &[both(MFA_BASIC), sso(MFA_SSO)],
        notes: &[NOTE_MFA_SSO, NOTE_MFA_ADDITIONAL_INFO_TYPO],
        ..base(Benchmark::Cis140, Assessment::Automated)
    },
    Control {
        id: "4.3",
        slug: ROOT_ACCOUNT_USAGE,
        title: "Ensure a log metric filter and alarm exist for usage of 'root' account",
        level: Some(1),
        alternatives: &[both(ROOT)],
        notes: &[],
        ..base(Benchmark::Cis140, Assessment::Automated)
    },
    Control {
        id: "4.4",
        slug: IAM_POLICY_CHANGES,
        title: "Ensure a log metric filter and alarm exist for IAM policy changes",
        level: Some(1),
        alternatives: &[both(IAM)],
        notes: &[],
        ..base(Benchmark::Cis140, Assessment::Automated)
    },
    Control {
        id: "4.5",
        slug: CLOUDTRAIL_CONFIG_CHANGES,
        title: "Ensure a log metric filter and alarm exist for CloudTrail configuration changes",
        level: Some(1),
        alternatives: &[both(CLOUDTRAIL)],
        notes: &[],
        ..base(Benchmark::Cis140, Assessment::Automated)
    },
    Control {
        id: "4.6",
        slug: CONSOLE_AUTH_FAILURES,
        title: "Ensure a log metric filter and alarm exist for AWS Management Console authentication failures",
        level: Some(2),
        alternatives: &[both(CONSOLE_AUTH_FAIL)],
        notes: &[],
        ..base(Benchmark::Cis140, Assessment::Automated)
    },
    Control {
        id: "4.7",
        slug: CMK_DISABLE_OR_DELETION,
        title: "Ensure a log metric filter and alarm exist for disabling or scheduled deletion of customer created CMKs",
        level: Some(2),
        alternatives: &[both(KMS_CMK)],
        notes: &[],
        ..base(Benchmark::Cis140, Assessment::Automated)
    },
    Control {
        id: "4.8",
        slug: S3_BUCKET_POLICY_CHANGES,
        title: "Ensure a log metric filter and alarm exist for S3 bucket policy changes",
        level: Some(1),
        alternatives: &[both(S3_POLICY)],
        notes: &[],
        ..base(Benchmark::Cis140, Assessment::Automated)
    },
    Control {
        id: "4.9",
        slug: CONFIG_CHANGES,
        title: "Ensure a log metric filter and alarm exist for AWS Config configuration changes",
        level: Some(2),
        alternatives: &[both(CONFIG)],
        notes: &[],
        ..base(Benchmark::Cis140, Assessment::Automated)
    },
    Control {
        id: "4.10",
        slug: SECURITY_GROUP_CHANGES,
        title: "Ensure a log metric filter and alarm exist for security group changes",
        level: Some(2),
        alternatives: &[both(SG_6)],
        notes: &[],
        ..base(Benchmark::Cis140, Assessment::Automated)
    },
    Control {
        id: "4.11",
        slug: NACL_CHANGES,
        title: "Ensure a log metric filter and alarm exist for changes to Network Access Control Lists (NACL)",
        level: Some(2),
        alternatives: &[both(NACL)],
        notes: &[],
        ..base(Benchmark::Cis140, Assessment::Automated)
    },
    Control {
        id: "4.12",
        slug: NETWORK_GATEWAY_CHANGES,
        title: "Ensure a log metric filter and alarm exist for changes to network gateways",
        level: Some(1),
        alternatives: &[both(NETWORK_GW)],
        notes: &[],
        ..base(Benchmark::Cis140, Assessment::Automated)
    },
    Control {
        id: "4.13",
        slug: ROUTE_TABLE_CHANGES,
        title: "Ensure a log metric filter and alarm exist for route table changes",
        level: Some(1),
        alternatives: &[both(ROUTE_TABLE)],
        notes: &[],
        ..base(Benchmark::Cis140, Assessment::Automated)
    },
    Control {
        id: "4.14",
        slug: VPC_CHANGES,
        title: "Ensure a log metric filter and alarm exist for VPC changes",
        level: Some(1),
        alternatives: &[both(VPC)],
        notes: &[],
        ..base(Benchmark::Cis140, Assessment::Automated)
    },
    Control {
        id: "4.15",
        slug: ORGANIZATIONS_CHANGES,
        title: "Ensure a log metric filter and alarm exists for AWS Organizations changes",
        level: Some(1),
        alternatives: &[both(ORGS)],
        notes: &[],
        ..base(Benchmark::Cis140, Assessment::Automated)
    },
];

/// CIS 1.5.0: section 4.
static CIS_150: &[Control] = &[
    Control {
        id: "4.1",
        slug: UNAUTHORIZED_API_CALLS,
        title: "Ensure a log metric filter and alarm exist for unauthorized API calls",
        level: Some(1),
        alternatives: &[both(UNAUTH_C)],
        notes: &[NOTE_UNAUTH_MATCHES_NEARLY_ALL],
        ..base(Benchmark::Cis150, Assessment::Automated)
    },
    Control {
        id: "4.2",
        slug: CONSOLE_SIGNIN_WITHOUT_MFA,
        title: "Ensure a log metric filter and alarm exist for Management Console sign-in without MFA",
        level: Some(1),
        alternatives: &[both(MFA_BASIC), sso(MFA_SSO)],
        notes: &[NOTE_MFA_SSO, NOTE_MFA_ADDITIONAL_INFO_TYPO],
        ..base(Benchmark::Cis150, Assessment::Automated)
    },
    Control {
        id: "4.3",
        slug: ROOT_ACCOUNT_USAGE,
        title: "Ensure a log metric filter and alarm exist for usage of 'root' account",
        level: Some(1),
        alternatives: &[both(ROOT)],
        notes: &[],
        ..base(Benchmark::Cis150, Assessment::Automated)
    },
    Control {
        id: "4.4",
        slug: IAM_POLICY_CHANGES,
        title: "Ensure a log metric filter and alarm exist for IAM policy changes",
        level: Some(1),
        alternatives: &[both(IAM)],
        notes: &[],
        ..base(Benchmark::Cis150, Assessment::Automated)
    },
    Control {
        id: "4.5",
        slug: CLOUDTRAIL_CONFIG_CHANGES,
        title: "Ensure a log metric filter and alarm exist for CloudTrail configuration changes",
        level: Some(1),
        alternatives: &[both(CLOUDTRAIL)],
        notes: &[],
        ..base(Benchmark::Cis150, Assessment::Automated)
    },
    Control {
        id: "4.6",
        slug: CONSOLE_AUTH_FAILURES,
        title: "Ensure a log metric filter and alarm exist for AWS Management Console authentication failures",
        level: Some(2),
        alternatives: &[both(CONSOLE_AUTH_FAIL)],
        notes: &[],
        ..base(Benchmark::Cis150, Assessment::Automated)
    },
    Control {
        id: "4.7",
        slug: CMK_DISABLE_OR_DELETION,
        title: "Ensure a log metric filter and alarm exist for disabling or scheduled deletion of customer created CMKs",
        level: Some(2),
        alternatives: &[both(KMS_CMK)],
        notes: &[],
        ..base(Benchmark::Cis150, Assessment::Automated)
    },
    Control {
        id: "4.8",
        slug: S3_BUCKET_POLICY_CHANGES,
        title: "Ensure a log metric filter and alarm exist for S3 bucket policy changes",
        level: Some(1),
        alternatives: &[both(S3_POLICY)],
        notes: &[],
        ..base(Benchmark::Cis150, Assessment::Automated)
    },
    Control {
        id: "4.9",
        slug: CONFIG_CHANGES,
        title: "Ensure a log metric filter and alarm exist for AWS Config configuration changes",
        level: Some(2),
        alternatives: &[both(CONFIG)],
        notes: &[],
        ..base(Benchmark::Cis150, Assessment::Automated)
    },
    Control {
        id: "4.10",
        slug: SECURITY_GROUP_CHANGES,
        title: "Ensure a log metric filter and alarm exist for security group changes",
        level: Some(2),
        alternatives: &[both(SG_6)],
        notes: &[],
        ..base(Benchmark::Cis150, Assessment::Automated)
    },
    Control {
        id: "4.11",
        slug: NACL_CHANGES,
        title: "Ensure a log metric filter and alarm exist for changes to Network Access Control Lists (NACL)",
        level: Some(2),
        alternatives: &[both(NACL)],
        notes: &[],
        ..base(Benchmark::Cis150, Assessment::Automated)
    },
    Control {
        id: "4.12",
        slug: NETWORK_GATEWAY_CHANGES,
        title: "Ensure a log metric filter and alarm exist for changes to network gateways",
        level: Some(1),
        alternatives: &[both(NETWORK_GW)],
        notes: &[],
        ..base(Benchmark::Cis150, Assessment::Automated)
    },
    Control {
        id: "4.13",
        slug: ROUTE_TABLE_CHANGES,
        title: "Ensure a log metric filter and alarm exist for route table changes",
        level: Some(1),
        alternatives: &[both(ROUTE_TABLE)],
        notes: &[],
        ..base(Benchmark::Cis150, Assessment::Automated)
    },
    Control {
        id: "4.14",
        slug: VPC_CHANGES,
        title: "Ensure a log metric filter and alarm exist for VPC changes",
        level: Some(1),
        alternatives: &[both(VPC)],
        notes: &[],
        ..base(Benchmark::Cis150, Assessment::Automated)
    },
    Control {
        id: "4.15",
        slug: ORGANIZATIONS_CHANGES,
        title: "Ensure a log metric filter and alarm exists for AWS Organizations changes",
        level: Some(1),
        alternatives: &[both(ORGS)],
        notes: &[],
        ..base(Benchmark::Cis150, Assessment::Automated)
    },
];

/// CIS 2.0.0: section 4.
static CIS_200: &[Control] = &[
    Control {
        id: "4.1",
        slug: UNAUTHORIZED_API_CALLS,
        title: "Ensure unauthorized API calls are monitored",
        level: Some(2),
        alternatives: &[both(UNAUTH_D)],
        notes: &[NOTE_UNAUTH_PRECEDENCE],
        ..base(Benchmark::Cis200, Assessment::Manual)
    },
    Control {
        id: "4.2",
        slug: CONSOLE_SIGNIN_WITHOUT_MFA,
        title: "Ensure management console sign-in without MFA is monitored",
        level: Some(1),
        alternatives: &[both(MFA_BASIC), sso(MFA_SSO)],
        notes: &[NOTE_MFA_SSO, NOTE_MFA_ADDITIONAL_INFO_TYPO],
        ..base(Benchmark::Cis200, Assessment::Manual)
    },
    Control {
        id: "4.3",
        slug: ROOT_ACCOUNT_USAGE,
        title: "Ensure usage of 'root' account is monitored",
        level: Some(1),
        alternatives: &[both(ROOT)],
        notes: &[],
        ..base(Benchmark::Cis200, Assessment::Manual)
    },
    Control {
        id: "4.4",
        slug: IAM_POLICY_CHANGES,
        title: "Ensure IAM policy changes are monitored",
        level: Some(1),
        alternatives: &[both(IAM)],
        notes: &[],
        ..base(Benchmark::Cis200, Assessment::Manual)
    },
    Control {
        id: "4.5",
        slug: CLOUDTRAIL_CONFIG_CHANGES,
        title: "Ensure CloudTrail configuration changes are monitored",
        level: Some(1),
        alternatives: &[both(CLOUDTRAIL)],
        notes: &[],
        ..base(Benchmark::Cis200, Assessment::Manual)
    },
    Control {
        id: "4.6",
        slug: CONSOLE_AUTH_FAILURES,
        title: "Ensure AWS Management Console authentication failures are monitored",
        level: Some(2),
        alternatives: &[both(CONSOLE_AUTH_FAIL)],
        notes: &[],
        ..base(Benchmark::Cis200, Assessment::Manual)
    },
    Control {
        id: "4.7",
        slug: CMK_DISABLE_OR_DELETION,
        title: "Ensure disabling or scheduled deletion of customer created CMKs is monitored",
        level: Some(2),
        alternatives: &[both(KMS_CMK)],
        notes: &[],
        ..base(Benchmark::Cis200, Assessment::Manual)
    },
    Control {
        id: "4.8",
        slug: S3_BUCKET_POLICY_CHANGES,
        title: "Ensure S3 bucket policy changes are monitored",
        level: Some(1),
        alternatives: &[both(S3_POLICY)],
        notes: &[],
        ..base(Benchmark::Cis200, Assessment::Manual)
    },
    Control {
        id: "4.9",
        slug: CONFIG_CHANGES,
        title: "Ensure AWS Config configuration changes are monitored",
        level: Some(2),
        alternatives: &[both(CONFIG)],
        notes: &[],
        ..base(Benchmark::Cis200, Assessment::Manual)
    },
    Control {
        id: "4.10",
        slug: SECURITY_GROUP_CHANGES,
        title: "Ensure security group changes are monitored",
        level: Some(2),
        alternatives: &[both(SG_6)],
        notes: &[],
        ..base(Benchmark::Cis200, Assessment::Manual)
    },
    Control {
        id: "4.11",
        slug: NACL_CHANGES,
        title: "Ensure Network Access Control Lists (NACL) changes are monitored",
        level: Some(2),
        alternatives: &[both(NACL)],
        notes: &[],
        ..base(Benchmark::Cis200, Assessment::Manual)
    },
    Control {
        id: "4.12",
        slug: NETWORK_GATEWAY_CHANGES,
        title: "Ensure changes to network gateways are monitored",
        level: Some(1),
        alternatives: &[both(NETWORK_GW)],
        notes: &[],
        ..base(Benchmark::Cis200, Assessment::Manual)
    },
    Control {
        id: "4.13",
        slug: ROUTE_TABLE_CHANGES,
        title: "Ensure route table changes are monitored",
        level: Some(1),
        alternatives: &[both(ROUTE_TABLE)],
        notes: &[],
        ..base(Benchmark::Cis200, Assessment::Manual)
    },
    Control {
        id: "4.14",
        slug: VPC_CHANGES,
        title: "Ensure VPC changes are monitored",
        level: Some(1),
        alternatives: &[both(VPC)],
        notes: &[],
        ..base(Benchmark::Cis200, Assessment::Manual)
    },
    Control {
        id: "4.15",
        slug: ORGANIZATIONS_CHANGES,
        title: "Ensure AWS Organizations changes are monitored",
        level: Some(1),
        alternatives: &[both(ORGS)],
        notes: &[],
        ..base(Benchmark::Cis200, Assessment::Manual)
    },
];

/// CIS 3.0.0: section 4.
static CIS_300: &[Control] = &[
    Control {
        id: "4.1",
        slug: UNAUTHORIZED_API_CALLS,
        title: "Ensure unauthorized API calls are monitored",
        level: Some(2),
        alternatives: &[both(UNAUTH_D)],
        notes: &[NOTE_UNAUTH_PRECEDENCE],
        ..base(Benchmark::Cis300, Assessment::Manual)
    },
    Control {
        id: "4.2",
        slug: CONSOLE_SIGNIN_WITHOUT_MFA,
        title: "Ensure management console sign-in without MFA is monitored",
        level: Some(1),
        alternatives: &[both(MFA_BASIC), sso(MFA_SSO)],
        notes: &[NOTE_MFA_SSO, NOTE_MFA_ADDITIONAL_INFO_TYPO],
        ..base(Benchmark::Cis300, Assessment::Manual)
    },
    Control {
        id: "4.3",
        slug: ROOT_ACCOUNT_USAGE,
        title: "Ensure usage of 'root' account is monitored",
        level: Some(1),
        alternatives: &[both(ROOT)],
        notes: &[],
        ..base(Benchmark::Cis300, Assessment::Manual)
    },
    Control {
        id: "4.4",
        slug: IAM_POLICY_CHANGES,
        title: "Ensure IAM policy changes are monitored",
        level: Some(1),
        alternatives: &[both(IAM)],
        notes: &[],
        ..base(Benchmark::Cis300, Assessment::Manual)
    },
    Control {
        id: "4.5",
        slug: CLOUDTRAIL_CONFIG_CHANGES,
        title: "Ensure CloudTrail configuration changes are monitored",
        level: Some(1),
        alternatives: &[both(CLOUDTRAIL)],
        notes: &[],
        ..base(Benchmark::Cis300, Assessment::Manual)
    },
    Control {
        id: "4.6",
        slug: CONSOLE_AUTH_FAILURES,
        title: "Ensure AWS Management Console authentication failures are monitored",
        level: Some(2),
        alternatives: &[both(CONSOLE_AUTH_FAIL)],
        notes: &[],
        ..base(Benchmark::Cis300, Assessment::Manual)
    },
    Control {
        id: "4.7",
        slug: CMK_DISABLE_OR_DELETION,
        title: "Ensure disabling or scheduled deletion of customer created CMKs is monitored",
        level: Some(2),
        alternatives: &[both(KMS_CMK)],
        notes: &[],
        ..base(Benchmark::Cis300, Assessment::Manual)
    },
    Control {
        id: "4.8",
        slug: S3_BUCKET_POLICY_CHANGES,
        title: "Ensure S3 bucket policy changes are monitored",
        level: Some(1),
        alternatives: &[both(S3_POLICY)],
        notes: &[],
        ..base(Benchmark::Cis300, Assessment::Manual)
    },
    Control {
        id: "4.9",
        slug: CONFIG_CHANGES,
        title: "Ensure AWS Config configuration changes are monitored",
        level: Some(2),
        alternatives: &[both(CONFIG)],
        notes: &[],
        ..base(Benchmark::Cis300, Assessment::Manual)
    },
    Control {
        id: "4.10",
        slug: SECURITY_GROUP_CHANGES,
        title: "Ensure security group changes are monitored",
        level: Some(2),
        alternatives: &[both(SG_6)],
        notes: &[],
        ..base(Benchmark::Cis300, Assessment::Manual)
    },
    Control {
        id: "4.11",
        slug: NACL_CHANGES,
        title: "Ensure Network Access Control Lists (NACL) changes are monitored",
        level: Some(2),
        alternatives: &[both(NACL)],
        notes: &[],
        ..base(Benchmark::Cis300, Assessment::Manual)
    },
    Control {
        id: "4.12",
        slug: NETWORK_GATEWAY_CHANGES,
        title: "Ensure changes to network gateways are monitored",
        level: Some(1),
        alternatives: &[both(NETWORK_GW)],
        notes: &[],
        ..base(Benchmark::Cis300, Assessment::Manual)
    },
    Control {
        id: "4.13",
        slug: ROUTE_TABLE_CHANGES,
        title: "Ensure route table changes are monitored",
        level: Some(1),
        alternatives: &[audit(ROUTE_TABLE_EC2_300), remediation(ROUTE_TABLE)],
        notes: &[NOTE_ROUTE_TABLE_EC2],
        ..base(Benchmark::Cis300, Assessment::Manual)
    },
    Control {
        id: "4.14",
        slug: VPC_CHANGES,
        title: "Ensure VPC changes are monitored",
        level: Some(1),
        alternatives: &[both(VPC)],
        notes: &[],
        ..base(Benchmark::Cis300, Assessment::Manual)
    },
    Control {
        id: "4.15",
        slug: ORGANIZATIONS_CHANGES,
        title: "Ensure AWS Organizations changes are monitored",
        level: Some(1),
        alternatives: &[both(ORGS)],
        notes: &[],
        ..base(Benchmark::Cis300, Assessment::Manual)
    },
];

/// CIS 4.0.0: section 4.
static CIS_400: &[Control] = &[
    Control {
        id: "4.1",
        slug: UNAUTHORIZED_API_CALLS,
        title: "Ensure unauthorized API calls are monitored",
        level: Some(2),
        assessment: Assessment::Automated,
        alternatives: &[both(UNAUTH_D)],
        notes: &[NOTE_UNAUTH_PRECEDENCE],
        ..base(Benchmark::Cis400, Assessment::Manual)
    },
    Control {
        id: "4.2",
        slug: CONSOLE_SIGNIN_WITHOUT_MFA,
        title: "Ensure management console sign-in without MFA is monitored",
        level: Some(1),
        alternatives: &[both(MFA_BASIC), sso(MFA_SSO)],
        notes: &[NOTE_MFA_SSO, NOTE_MFA_ADDITIONAL_INFO_TYPO],
        ..base(Benchmark::Cis400, Assessment::Manual)
    },
    Control {
        id: "4.3",
        slug: ROOT_ACCOUNT_USAGE,
        title: "Ensure usage of the 'root' account is monitored",
        level: Some(1),
        alternatives: &[both(ROOT)],
        notes: &[],
        ..base(Benchmark::Cis400, Assessment::Manual)
    },
    Control {
        id: "4.4",
        slug: IAM_POLICY_CHANGES,
        title: "Ensure IAM policy changes are monitored",
        level: Some(1),
        alternatives: &[both(IAM)],
        notes: &[],
        ..base(Benchmark::Cis400, Assessment::Manual)
    },
    Control {
        id: "4.5",
        slug: CLOUDTRAIL_CONFIG_CHANGES,
        title: "Ensure CloudTrail configuration changes are monitored",
        level: Some(1),
        alternatives: &[both(CLOUDTRAIL)],
        notes: &[],
        ..base(Benchmark::Cis400, Assessment::Manual)
    },
    Control {
        id: "4.6",
        slug: CONSOLE_AUTH_FAILURES,
        title: "Ensure AWS Management Console authentication failures are monitored",
        level: Some(2),
        alternatives: &[both(CONSOLE_AUTH_FAIL)],
        notes: &[],
        ..base(Benchmark::Cis400, Assessment::Manual)
    },
    Control {
        id: "4.7",
        slug: CMK_DISABLE_OR_DELETION,
        title: "Ensure disabling or scheduled deletion of customer created CMKs is monitored",
        level: Some(2),
        alternatives: &[both(KMS_CMK)],
        notes: &[],
        ..base(Benchmark::Cis400, Assessment::Manual)
    },
    Control {
        id: "4.8",
        slug: S3_BUCKET_POLICY_CHANGES,
        title: "Ensure S3 bucket policy changes are monitored",
        level: Some(1),
        alternatives: &[both(S3_POLICY)],
        notes: &[],
        ..base(Benchmark::Cis400, Assessment::Manual)
    },
    Control {
        id: "4.9",
        slug: CONFIG_CHANGES,
        title: "Ensure AWS Config configuration changes are monitored",
        level: Some(2),
        alternatives: &[both(CONFIG)],
        notes: &[],
        ..base(Benchmark::Cis400, Assessment::Manual)
    },
    Control {
        id: "4.10",
        slug: SECURITY_GROUP_CHANGES,
        title: "Ensure security group changes are monitored",
        level: Some(2),
        alternatives: &[both(SG_6)],
        notes: &[],
        ..base(Benchmark::Cis400, Assessment::Manual)
    },
    Control {
        id: "4.11",
        slug: NACL_CHANGES,
        title: "Ensure Network Access Control List (NACL) changes are monitored",
        level: Some(2),
        alternatives: &[both(NACL)],
        notes: &[],
        ..base(Benchmark::Cis400, Assessment::Manual)
    },
    Control {
        id: "4.12",
        slug: NETWORK_GATEWAY_CHANGES,
        title: "Ensure changes to network gateways are monitored",
        level: Some(1),
        alternatives: &[both(NETWORK_GW)],
        notes: &[],
        ..base(Benchmark::Cis400, Assessment::Manual)
    },
    Control {
        id: "4.13",
        slug: ROUTE_TABLE_CHANGES,
        title: "Ensure route table changes are monitored",
        level: Some(1),
        alternatives: &[audit(ROUTE_TABLE_EC2), remediation(ROUTE_TABLE)],
        notes: &[NOTE_ROUTE_TABLE_EC2],
        ..base(Benchmark::Cis400, Assessment::Manual)
    },
    Control {
        id: "4.14",
        slug: VPC_CHANGES,
        title: "Ensure VPC changes are monitored",
        level: Some(1),
        alternatives: &[both(VPC)],
        notes: &[],
        ..base(Benchmark::Cis400, Assessment::Manual)
    },
    Control {
        id: "4.15",
        slug: ORGANIZATIONS_CHANGES,
        title: "Ensure AWS Organizations changes are monitored",
        level: Some(1),
        alternatives: &[both(ORGS)],
        notes: &[],
        ..base(Benchmark::Cis400, Assessment::Manual)
    },
];

/// CIS 5.0.0: section 4.
static CIS_500: &[Control] = &[
    Control {
        id: "4.1",
        slug: UNAUTHORIZED_API_CALLS,
        title: "Ensure unauthorized API calls are monitored",
        level: Some(2),
        alternatives: &[both(UNAUTH_D)],
        notes: &[NOTE_UNAUTH_PRECEDENCE],
        ..base(Benchmark::Cis500, Assessment::Manual)
    },
    Control {
        id: "4.2",
        slug: CONSOLE_SIGNIN_WITHOUT_MFA,
        title: "Ensure management console sign-in without MFA is monitored",
        level: Some(1),
        alternatives: &[both(MFA_BASIC), sso(MFA_SSO)],
        notes: &[NOTE_MFA_SSO, NOTE_MFA_ADDITIONAL_INFO_TYPO],
        ..base(Benchmark::Cis500, Assessment::Manual)
    },
    Control {
        id: "4.3",
        slug: ROOT_ACCOUNT_USAGE,
        title: "Ensure usage of the 'root' account is monitored",
        level: Some(1),
        alternatives: &[both(ROOT)],
        notes: &[],
        ..base(Benchmark::Cis500, Assessment::Manual)
    },
    Control {
        id: "4.4",
        slug: IAM_POLICY_CHANGES,
        title: "Ensure IAM policy changes are monitored",
        level: Some(1),
        alternatives: &[both(IAM)],
        notes: &[],
        ..base(Benchmark::Cis500, Assessment::Manual)
    },
    Control {
        id: "4.5",
        slug: CLOUDTRAIL_CONFIG_CHANGES,
        title: "Ensure CloudTrail configuration changes are monitored",
        level: Some(1),
        alternatives: &[both(CLOUDTRAIL)],
        notes: &[],
        ..base(Benchmark::Cis500, Assessment::Manual)
    },
    Control {
        id: "4.6",
        slug: CONSOLE_AUTH_FAILURES,
        title: "Ensure AWS Management Console authentication failures are monitored",
        level: Some(2),
        alternatives: &[both(CONSOLE_AUTH_FAIL)],
        notes: &[],
        ..base(Benchmark::Cis500, Assessment::Manual)
    },
    Control {
        id: "4.7",
        slug: CMK_DISABLE_OR_DELETION,
        title: "Ensure disabling or scheduled deletion of customer created CMKs is monitored",
        level: Some(2),
        alternatives: &[both(KMS_CMK)],
        notes: &[],
        ..base(Benchmark::Cis500, Assessment::Manual)
    },
    Control {
        id: "4.8",
        slug: S3_BUCKET_POLICY_CHANGES,
        title: "Ensure S3 bucket policy changes are monitored",
        level: Some(1),
        alternatives: &[both(S3_POLICY)],
        notes: &[],
        ..base(Benchmark::Cis500, Assessment::Manual)
    },
    Control {
        id: "4.9",
        slug: CONFIG_CHANGES,
        title: "Ensure AWS Config configuration changes are monitored",
        level: Some(2),
        alternatives: &[both(CONFIG)],
        notes: &[],
        ..base(Benchmark::Cis500, Assessment::Manual)
    },
    Control {
        id: "4.10",
        slug: SECURITY_GROUP_CHANGES,
        title: "Ensure security group changes are monitored",
        level: Some(2),
        alternatives: &[both(SG_7)],
        notes: &[NOTE_SG_MODIFY_RULES],
        ..base(Benchmark::Cis500, Assessment::Manual)
    },
    Control {
        id: "4.11",
        slug: NACL_CHANGES,
        title: "Ensure Network Access Control List (NACL) changes are monitored",
        level: Some(2),
        alternatives: &[both(NACL)],
        notes: &[],
        ..base(Benchmark::Cis500, Assessment::Manual)
    },
    Control {
        id: "4.12",
        slug: NETWORK_GATEWAY_CHANGES,
        title: "Ensure changes to network gateways are monitored",
        level: Some(1),
        alternatives: &[both(NETWORK_GW)],
        notes: &[],
        ..base(Benchmark::Cis500, Assessment::Manual)
    },
    Control {
        id: "4.13",
        slug: ROUTE_TABLE_CHANGES,
        title: "Ensure route table changes are monitored",
        level: Some(1),
        alternatives: &[audit(ROUTE_TABLE_EC2), remediation(ROUTE_TABLE)],
        notes: &[NOTE_ROUTE_TABLE_EC2],
        ..base(Benchmark::Cis500, Assessment::Manual)
    },
    Control {
        id: "4.14",
        slug: VPC_CHANGES,
        title: "Ensure VPC changes are monitored",
        level: Some(1),
        alternatives: &[both(VPC)],
        notes: &[],
        ..base(Benchmark::Cis500, Assessment::Manual)
    },
    Control {
        id: "4.15",
        slug: ORGANIZATIONS_CHANGES,
        title: "Ensure AWS Organizations changes are monitored",
        level: Some(1),
        alternatives: &[both(ORGS)],
        notes: &[],
        ..base(Benchmark::Cis500, Assessment::Manual)
    },
];

/// CIS 6.0.0: section 5.
static CIS_600: &[Control] = &[
    Control {
        id: "5.1",
        slug: UNAUTHORIZED_API_CALLS,
        title: "Ensure unauthorized API calls are monitored",
        level: Some(2),
        alternatives: &[both(UNAUTH_D)],
        notes: &[NOTE_UNAUTH_PRECEDENCE],
        ..base(Benchmark::Cis600, Assessment::Manual)
    },
    Control {
        id: "5.2",
        slug: CONSOLE_SIGNIN_WITHOUT_MFA,
        title: "Ensure management console sign-in without MFA is monitored",
        level: Some(1),
        alternatives: &[both(MFA_BASIC), sso(MFA_SSO)],
        notes: &[NOTE_MFA_SSO, NOTE_MFA_ADDITIONAL_INFO_TYPO],
        ..base(Benchmark::Cis600, Assessment::Manual)
    },
    Control {
        id: "5.3",
        slug: ROOT_ACCOUNT_USAGE,
        title: "Ensure usage of the 'root' account is monitored",
        level: Some(1),
        alternatives: &[both(ROOT)],
        notes: &[],
        ..base(Benchmark::Cis600, Assessment::Manual)
    },
    Control {
        id: "5.4",
        slug: IAM_POLICY_CHANGES,
        title: "Ensure IAM policy changes are monitored",
        level: Some(1),
        alternatives: &[both(IAM)],
        notes: &[],
        ..base(Benchmark::Cis600, Assessment::Manual)
    },
    Control {
        id: "5.5",
        slug: CLOUDTRAIL_CONFIG_CHANGES,
        title: "Ensure CloudTrail configuration changes are monitored",
        level: Some(1),
        alternatives: &[both(CLOUDTRAIL)],
        notes: &[],
        ..base(Benchmark::Cis600, Assessment::Manual)
    },
    Control {
        id: "5.6",
        slug: CONSOLE_AUTH_FAILURES,
        title: "Ensure AWS Management Console authentication failures are monitored",
        level: Some(2),
        alternatives: &[both(CONSOLE_AUTH_FAIL)],
        notes: &[],
        ..base(Benchmark::Cis600, Assessment::Manual)
    },
    Control {
        id: "5.7",
        slug: CMK_DISABLE_OR_DELETION,
        title: "Ensure disabling or scheduled deletion of customer created CMKs is monitored",
        level: Some(2),
        alternatives: &[both(KMS_CMK)],
        notes: &[],
        ..base(Benchmark::Cis600, Assessment::Manual)
    },
    Control {
        id: "5.8",
        slug: S3_BUCKET_POLICY_CHANGES,
        title: "Ensure S3 bucket policy changes are monitored",
        level: Some(1),
        alternatives: &[both(S3_POLICY)],
        notes: &[],
        ..base(Benchmark::Cis600, Assessment::Manual)
    },
    Control {
        id: "5.9",
        slug: CONFIG_CHANGES,
        title: "Ensure AWS Config configuration changes are monitored",
        level: Some(2),
        alternatives: &[both(CONFIG)],
        notes: &[],
        ..base(Benchmark::Cis600, Assessment::Manual)
    },
    Control {
        id: "5.10",
        slug: SECURITY_GROUP_CHANGES,
        title: "Ensure security group changes are monitored",
        level: Some(2),
        alternatives: &[both(SG_7)],
        notes: &[NOTE_SG_MODIFY_RULES],
        ..base(Benchmark::Cis600, Assessment::Manual)
    },
    Control {
        id: "5.11",
        slug: NACL_CHANGES,
        title: "Ensure Network Access Control List (NACL) changes are monitored",
        level: Some(2),
        alternatives: &[both(NACL)],
        notes: &[],
        ..base(Benchmark::Cis600, Assessment::Manual)
    },
    Control {
        id: "5.12",
        slug: NETWORK_GATEWAY_CHANGES,
        title: "Ensure changes to network gateways are monitored",
        level: Some(1),
        alternatives: &[both(NETWORK_GW)],
        notes: &[],
        ..base(Benchmark::Cis600, Assessment::Manual)
    },
    Control {
        id: "5.13",
        slug: ROUTE_TABLE_CHANGES,
        title: "Ensure route table changes are monitored",
        level: Some(1),
        alternatives: &[audit(ROUTE_TABLE_EC2), remediation(ROUTE_TABLE)],
        notes: &[NOTE_ROUTE_TABLE_EC2],
        ..base(Benchmark::Cis600, Assessment::Manual)
    },
    Control {
        id: "5.14",
        slug: VPC_CHANGES,
        title: "Ensure VPC changes are monitored",
        level: Some(1),
        alternatives: &[both(VPC)],
        notes: &[],
        ..base(Benchmark::Cis600, Assessment::Manual)
    },
    Control {
        id: "5.15",
        slug: ORGANIZATIONS_CHANGES,
        title: "Ensure AWS Organizations changes are monitored",
        level: Some(1),
        alternatives: &[both(ORGS)],
        notes: &[],
        ..base(Benchmark::Cis600, Assessment::Manual)
    },
];

/// CIS 7.0.0: section 5.
static CIS_700: &[Control] = &[
    Control {
        id: "5.1",
        slug: UNAUTHORIZED_API_CALLS,
        title: "Ensure unauthorized API calls are monitored",
        level: Some(2),
        alternatives: &[both(UNAUTH_D)],
        notes: &[NOTE_UNAUTH_PRECEDENCE],
        ..base(Benchmark::Cis700, Assessment::Manual)
    },
    Control {
        id: "5.2",
        slug: CONSOLE_SIGNIN_WITHOUT_MFA,
        title: "Ensure management console sign-in without MFA is monitored",
        level: Some(1),
        alternatives: &[both(MFA_BASIC), sso(MFA_SSO)],
        notes: &[NOTE_MFA_SSO, NOTE_MFA_ADDITIONAL_INFO_TYPO],
        ..base(Benchmark::Cis700, Assessment::Manual)
    },
    Control {
        id: "5.3",
        slug: ROOT_ACCOUNT_USAGE,
        title: "Ensure usage of the 'root' account is monitored",
        level: Some(1),
        alternatives: &[both(ROOT)],
        notes: &[],
        ..base(Benchmark::Cis700, Assessment::Manual)
    },
    Control {
        id: "5.4",
        slug: IAM_POLICY_CHANGES,
        title: "Ensure IAM policy changes are monitored",
        level: Some(1),
        alternatives: &[both(IAM)],
        notes: &[],
        ..base(Benchmark::Cis700, Assessment::Manual)
    },
    Control {
        id: "5.5",
        slug: CLOUDTRAIL_CONFIG_CHANGES,
        title: "Ensure CloudTrail configuration changes are monitored",
        level: Some(1),
        alternatives: &[both(CLOUDTRAIL)],
        notes: &[],
        ..base(Benchmark::Cis700, Assessment::Manual)
    },
    Control {
        id: "5.6",
        slug: CONSOLE_AUTH_FAILURES,
        title: "Ensure AWS Management Console authentication failures are monitored",
        level: Some(2),
        alternatives: &[both(CONSOLE_AUTH_FAIL)],
        notes: &[],
        ..base(Benchmark::Cis700, Assessment::Manual)
    },
    Control {
        id: "5.7",
        slug: CMK_DISABLE_OR_DELETION,
        title: "Ensure disabling or scheduled deletion of customer created CMKs is monitored",
        level: Some(2),
        alternatives: &[both(KMS_CMK)],
        notes: &[],
        ..base(Benchmark::Cis700, Assessment::Manual)
    },
    Control {
        id: "5.8",
        slug: S3_BUCKET_POLICY_CHANGES,
        title: "Ensure S3 bucket policy changes are monitored",
        level: Some(1),
        alternatives: &[both(S3_POLICY)],
        notes: &[],
        ..base(Benchmark::Cis700, Assessment::Manual)
    },
    Control {
        id: "5.9",
        slug: CONFIG_CHANGES,
        title: "Ensure AWS Config configuration changes are monitored",
        level: Some(2),
        alternatives: &[both(CONFIG)],
        notes: &[],
        ..base(Benchmark::Cis700, Assessment::Manual)
    },
    Control {
        id: "5.10",
        slug: SECURITY_GROUP_CHANGES,
        title: "Ensure security group changes are monitored",
        level: Some(2),
        alternatives: &[both(SG_7)],
        notes: &[NOTE_SG_MODIFY_RULES],
        ..base(Benchmark::Cis700, Assessment::Manual)
    },
    Control {
        id: "5.11",
        slug: NACL_CHANGES,
        title: "Ensure Network Access Control List (NACL) changes are monitored",
        level: Some(2),
        alternatives: &[both(NACL)],
        notes: &[],
        ..base(Benchmark::Cis700, Assessment::Manual)
    },
    Control {
        id: "5.12",
        slug: NETWORK_GATEWAY_CHANGES,
        title: "Ensure changes to network gateways are monitored",
        level: Some(1),
        alternatives: &[both(NETWORK_GW)],
        notes: &[],
        ..base(Benchmark::Cis700, Assessment::Manual)
    },
    Control {
        id: "5.13",
        slug: ROUTE_TABLE_CHANGES,
        title: "Ensure route table changes are monitored",
        level: Some(1),
        alternatives: &[audit(ROUTE_TABLE_EC2), remediation(ROUTE_TABLE)],
        notes: &[NOTE_ROUTE_TABLE_EC2],
        ..base(Benchmark::Cis700, Assessment::Manual)
    },
    Control {
        id: "5.14",
        slug: VPC_CHANGES,
        title: "Ensure VPC changes are monitored",
        level: Some(1),
        alternatives: &[both(VPC)],
        notes: &[],
        ..base(Benchmark::Cis700, Assessment::Manual)
    },
    Control {
        id: "5.15",
        slug: ORGANIZATIONS_CHANGES,
        title: "Ensure AWS Organizations changes are monitored",
        level: Some(1),
        alternatives: &[both(ORGS)],
        notes: &[],
        ..base(Benchmark::Cis700, Assessment::Manual)
    },
];

/// AWS Security Hub CloudWatch.1-14 (patterns from the 2023 user guide).
static SECURITY_HUB: &[Control] = &[
    Control {
        id: "CloudWatch.1",
        slug: ROOT_ACCOUNT_USAGE,
        title: "A log metric filter and alarm should exist for usage of the \"root\" user",
        alternatives: &[remediation(SH_1)],
        notes: &[NOTE_SH_EXACT],
        ..base(Benchmark::SecurityHub, Assessment::Automated)
    },
    Control {
        id: "CloudWatch.2",
        slug: UNAUTHORIZED_API_CALLS,
        title: "Ensure a log metric filter and alarm exist for unauthorized API calls",
        alternatives: &[remediation(SH_2)],
        notes: &[NOTE_SH_EXACT],
        ..base(Benchmark::SecurityHub, Assessment::Automated)
    },
    Control {
        id: "CloudWatch.3",
        slug: CONSOLE_SIGNIN_WITHOUT_MFA,
        title: "Ensure a log metric filter and alarm exist for Management Console sign-in without MFA",
        alternatives: &[remediation(SH_3)],
        notes: &[NOTE_SH_3, NOTE_SH_EXACT],
        ..base(Benchmark::SecurityHub, Assessment::Automated)
    },
    Control {
        id: "CloudWatch.4",
        slug: IAM_POLICY_CHANGES,
        title: "Ensure a log metric filter and alarm exist for IAM policy changes",
        alternatives: &[remediation(SH_4)],
        notes: &[NOTE_SH_4, NOTE_SH_EXACT],
        ..base(Benchmark::SecurityHub, Assessment::Automated)
    },
    Control {
        id: "CloudWatch.5",
        slug: CLOUDTRAIL_CONFIG_CHANGES,
        title: "Ensure a log metric filter and alarm exist for CloudTrail configuration changes",
        alternatives: &[remediation(SH_5)],
        notes: &[NOTE_SH_EXACT],
        ..base(Benchmark::SecurityHub, Assessment::Automated)
    },
    Control {
        id: "CloudWatch.6",
        slug: CONSOLE_AUTH_FAILURES,
        title: "Ensure a log metric filter and alarm exist for AWS Management Console authentication failures",
        alternatives: &[remediation(SH_6)],
        notes: &[NOTE_SH_EXACT],
        ..base(Benchmark::SecurityHub, Assessment::Automated)
    },
    Control {
        id: "CloudWatch.7",
        slug: CMK_DISABLE_OR_DELETION,
        title: "Ensure a log metric filter and alarm exist for disabling or scheduled deletion of customer managed keys",
        alternatives: &[remediation(SH_7)],
        notes: &[NOTE_SH_7, NOTE_SH_EXACT],
        ..base(Benchmark::SecurityHub, Assessment::Automated)
    },
    Control {
        id: "CloudWatch.8",
        slug: S3_BUCKET_POLICY_CHANGES,
        title: "Ensure a log metric filter and alarm exist for S3 bucket policy changes",
        alternatives: &[remediation(SH_8)],
        notes: &[NOTE_SH_EXACT],
        ..base(Benchmark::SecurityHub, Assessment::Automated)
    },
    Control {
        id: "CloudWatch.9",
        slug: CONFIG_CHANGES,
        title: "Ensure a log metric filter and alarm exist for AWS Config configuration changes",
        alternatives: &[remediation(SH_9)],
        notes: &[NOTE_SH_EXACT],
        ..base(Benchmark::SecurityHub, Assessment::Automated)
    },
    Control {
        id: "CloudWatch.10",
        slug: SECURITY_GROUP_CHANGES,
        title: "Ensure a log metric filter and alarm exist for security group changes",
        alternatives: &[remediation(SH_10)],
        notes: &[NOTE_SH_EXACT],
        ..base(Benchmark::SecurityHub, Assessment::Automated)
    },
    Control {
        id: "CloudWatch.11",
        slug: NACL_CHANGES,
        title: "Ensure a log metric filter and alarm exist for changes to Network Access Control Lists (NACL)",
        alternatives: &[remediation(SH_11)],
        notes: &[NOTE_SH_EXACT],
        ..base(Benchmark::SecurityHub, Assessment::Automated)
    },
    Control {
        id: "CloudWatch.12",
        slug: NETWORK_GATEWAY_CHANGES,
        title: "Ensure a log metric filter and alarm exist for changes to network gateways",
        alternatives: &[remediation(SH_12)],
        notes: &[NOTE_SH_EXACT],
        ..base(Benchmark::SecurityHub, Assessment::Automated)
    },
    Control {
        id: "CloudWatch.13",
        slug: ROUTE_TABLE_CHANGES,
        title: "Ensure a log metric filter and alarm exist for route table changes",
        alternatives: &[remediation(SH_13)],
        notes: &[NOTE_SH_EXACT],
        ..base(Benchmark::SecurityHub, Assessment::Automated)
    },
    Control {
        id: "CloudWatch.14",
        slug: VPC_CHANGES,
        title: "Ensure a log metric filter and alarm exist for VPC changes",
        alternatives: &[remediation(SH_14)],
        notes: &[NOTE_SH_EXACT],
        ..base(Benchmark::SecurityHub, Assessment::Automated)
    },
];

// ---------------------------------------------------------------------------
// Generated documentation.

/// The cross-version table of controls (slug, latest title, number in every benchmark)
/// that the README embeds; a test keeps the README in step with it.
pub fn markdown_table() -> String {
    let mut out = String::from("| Control | Title (CIS 7.0.0) |");
    for b in Benchmark::ALL {
        out.push_str(&format!(" {} |", column_name(b)));
    }
    out.push_str("\n|---|---|");
    for _ in Benchmark::ALL {
        out.push_str("---|");
    }
    out.push('\n');
    for slug in SLUGS {
        let title = by_slug(Benchmark::LATEST, slug).map_or("", |c| c.title);
        out.push_str(&format!("| `{slug}` | {} |", md_escape(title)));
        for b in Benchmark::ALL {
            let id = by_slug(b, slug).map_or("-", |c| c.id);
            out.push_str(&format!(" {id} |"));
        }
        out.push('\n');
    }
    out
}

/// The full reference (`docs/controls.md`): every benchmark's controls with their titles,
/// levels, prescribed patterns and notes.
pub fn markdown_reference() -> String {
    let mut out = String::from(
        "# Controls\n\n\
         <!-- Generated by `cis_monitor::catalogue::markdown_reference`; \
         run `UPDATE_DOCS=1 cargo test --test cli_docs` to refresh. -->\n\n\
         Every monitoring control cis-monitor knows, per benchmark, with the prescribed \
         patterns exactly as printed. A control passes when the filter pattern covers any \
         one of its prescribed patterns.\n\n",
    );
    out.push_str(&markdown_table());
    for b in Benchmark::ALL {
        out.push_str(&format!("\n## {}\n", b.name()));
        for c in controls(b) {
            out.push_str(&format!("\n### {} {}\n\n", c.id, md_escape(c.title)));
            let level = c.level.map_or(String::new(), |l| format!("Level {l} · "));
            out.push_str(&format!(
                "`{}` · {level}{}\n",
                c.slug,
                c.assessment.as_str()
            ));
            for p in c.alternatives {
                out.push_str(&format!("\n*{}*:\n\n```\n{}\n```\n", p.source, p.pattern));
            }
            if !c.notes.is_empty() {
                out.push('\n');
                for note in c.notes {
                    out.push_str(&format!("- {note}\n"));
                }
            }
        }
    }
    out
}

fn column_name(b: Benchmark) -> &'static str {
    match b {
        Benchmark::SecurityHub => "Security Hub",
        b => b.key(),
    }
}

fn by_slug(b: Benchmark, slug: &str) -> Option<&'static Control> {
    controls(b).iter().find(|c| c.slug == slug)
}

fn md_escape(s: &str) -> String {
    s.replace('|', "\\|")
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn every_cis_benchmark_has_every_slug_once() {
        for b in Benchmark::ALL {
            let slugs: Vec<&str> = controls(b).iter().map(|c| c.slug).collect();
            let unique: HashSet<&str> = slugs.iter().copied().collect();
            assert_eq!(unique.len(), slugs.len(), "{b}: duplicate slug");
            let expected: &[&str] = match b {
                Benchmark::Cis120 | Benchmark::SecurityHub => &SLUGS[..14],
                _ => &SLUGS,
            };
            assert_eq!(unique, expected.iter().copied().collect(), "{b}: slugs");
        }
    }

    #[test]
    fn ids_are_unique_and_in_the_right_section() {
        for b in Benchmark::ALL {
            let ids: HashSet<&str> = controls(b).iter().map(|c| c.id).collect();
            assert_eq!(ids.len(), controls(b).len(), "{b}: duplicate id");
            for (i, c) in controls(b).iter().enumerate() {
                assert_eq!(c.benchmark, b, "{} is filed under {b}", c.id);
                let n = c.id.strip_prefix(b.id_prefix());
                assert!(
                    n.is_some(),
                    "{b}: {} is not in section {}",
                    c.id,
                    b.id_prefix()
                );
                if b != Benchmark::SecurityHub {
                    assert_eq!(n, Some((i + 1).to_string().as_str()), "{b}: order");
                }
            }
        }
    }

    #[test]
    fn every_control_has_a_title_and_a_pattern_and_deduplicated_alternatives() {
        for b in Benchmark::ALL {
            for c in controls(b) {
                assert!(!c.title.is_empty(), "{b} {}", c.id);
                assert!(!c.alternatives.is_empty(), "{b} {}", c.id);
                let texts: HashSet<&str> = c.alternatives.iter().map(|p| p.pattern).collect();
                assert_eq!(texts.len(), c.alternatives.len(), "{b} {}: duplicate", c.id);
                assert_eq!(c.level.is_some(), b != Benchmark::SecurityHub);
            }
        }
    }

    #[test]
    fn every_prescribed_pattern_parses_and_fits_the_aws_limit() {
        for b in Benchmark::ALL {
            for c in controls(b) {
                for p in c.alternatives {
                    assert!(p.pattern.len() <= 1024, "{b} {}: too long", c.id);
                    if let Err(e) = pattern::parse(p.pattern) {
                        panic!(
                            "{b} {} ({}) does not parse: {e}\n{}",
                            c.id, p.source, p.pattern
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn the_misprinted_sso_pattern_is_not_prescribed_and_does_not_parse() {
        assert!(pattern::parse(MFA_SSO_ADDITIONAL_INFO_TYPO).is_err());
        for b in Benchmark::ALL {
            for c in controls(b) {
                assert!(
                    c.alternatives
                        .iter()
                        .all(|p| p.pattern != MFA_SSO_ADDITIONAL_INFO_TYPO)
                );
            }
        }
    }

    #[test]
    fn version_specific_texts_are_where_the_benchmarks_put_them() {
        let pattern_of = |b, slug| {
            by_slug(b, slug)
                .map(|c| c.alternatives.iter().map(|p| p.pattern).collect::<Vec<_>>())
                .unwrap_or_default()
        };
        assert_eq!(
            pattern_of(Benchmark::Cis120, UNAUTHORIZED_API_CALLS),
            [UNAUTH_A]
        );
        assert_eq!(
            pattern_of(Benchmark::Cis140, UNAUTHORIZED_API_CALLS),
            [UNAUTH_B, UNAUTH_C]
        );
        assert_eq!(
            pattern_of(Benchmark::Cis150, UNAUTHORIZED_API_CALLS),
            [UNAUTH_C]
        );
        assert_eq!(
            pattern_of(Benchmark::Cis700, UNAUTHORIZED_API_CALLS),
            [UNAUTH_D]
        );
        assert_eq!(
            pattern_of(Benchmark::Cis400, SECURITY_GROUP_CHANGES),
            [SG_6]
        );
        assert_eq!(
            pattern_of(Benchmark::Cis500, SECURITY_GROUP_CHANGES),
            [SG_7]
        );
        assert_eq!(
            pattern_of(Benchmark::Cis300, ROUTE_TABLE_CHANGES),
            [ROUTE_TABLE_EC2_300, ROUTE_TABLE]
        );
        assert_eq!(
            pattern_of(Benchmark::Cis700, ROUTE_TABLE_CHANGES),
            [ROUTE_TABLE_EC2, ROUTE_TABLE]
        );
        assert_eq!(pattern_of(Benchmark::Cis130, IAM_POLICY_CHANGES), [IAM]);
        assert!(
            crate::pattern::parse(IAM_130).is_err(),
            "the 1.3.0 typo text is documented as invalid"
        );
        assert!(ORGS.contains("\"AcceptHandshake\")  ||"));
        assert!(ORGS.contains("||  ($.eventName = \"DetachPolicy\")"));
        assert_eq!(
            pattern_of(Benchmark::SecurityHub, CONSOLE_SIGNIN_WITHOUT_MFA),
            [MFA_SSO]
        );
    }

    #[test]
    fn find_takes_a_number_or_a_slug() {
        let by_id = find(Benchmark::Cis200, "4.8").map(|c| c.slug);
        assert_eq!(by_id, Some(S3_BUCKET_POLICY_CHANGES));
        let by_slug = find(Benchmark::Cis700, "s3-bucket-policy-changes").map(|c| c.id);
        assert_eq!(by_slug, Some("5.8"));
        let sh = find(Benchmark::SecurityHub, "cloudwatch.1").map(|c| c.slug);
        assert_eq!(sh, Some(ROOT_ACCOUNT_USAGE));
        assert!(find(Benchmark::Cis120, "organizations-changes").is_none());
        assert!(find(Benchmark::Cis700, "4.8").is_none());
    }

    #[test]
    fn the_generated_table_has_a_row_per_slug() {
        let table = markdown_table();
        assert_eq!(table.lines().count(), 2 + SLUGS.len());
        assert!(table.contains("| `organizations-changes` |"));
        assert!(markdown_reference().contains(ORGS));
    }
}
