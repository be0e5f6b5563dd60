//! STS: the caller's account (GetCallerIdentity needs no permission), used to spot cross-account log groups.

use super::Ctx;

/// The account the credentials belong to, or `None` (and a gap) when STS cannot say.
pub(super) async fn caller_account(ctx: &Ctx, region: &str) -> Option<String> {
    let client = ctx.clients.sts(region);
    let _permit = ctx.permit().await;
    match client.get_caller_identity().send().await {
        Ok(out) => out.account().map(str::to_string),
        Err(e) => {
            ctx.sdk_gap("sts", "GetCallerIdentity", region, None, &e);
            None
        }
    }
}
