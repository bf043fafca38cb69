//! Where a webhook may point. Unless the operator allows it, a URL whose host is or
//! resolves to a private address (the server itself, its network, cloud metadata) is
//! refused when it is saved, and again when a request is made, since DNS can change.

use frontdesk_core::webhook::{is_private_address, WebhookUrl};
use reqwest::dns::{Addrs, Name, Resolve, Resolving};
use std::{net::IpAddr, net::SocketAddr, time::Duration};

/// How long saving an endpoint waits for its host name to resolve.
const SAVE_LOOKUP_TIMEOUT: Duration = Duration::from_secs(3);

/// Why a target was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TargetError {
    #[error(
        "the webhook URL points to a private or local address, which this server does not allow"
    )]
    Private,
}

fn literal_ip(url: &WebhookUrl) -> Option<IpAddr> {
    match url.url().host()? {
        url::Host::Ipv4(ip) => Some(IpAddr::V4(ip)),
        url::Host::Ipv6(ip) => Some(IpAddr::V6(ip)),
        url::Host::Domain(_) => None,
    }
}

/// Checks a URL being saved. A name that does not resolve now is accepted (it may only
/// resolve where the receiver lives later); each request checks again.
pub async fn check_on_save(url: &WebhookUrl, allow_private: bool) -> Result<(), TargetError> {
    if allow_private {
        return Ok(());
    }
    if let Some(ip) = literal_ip(url) {
        return refuse_private(ip);
    }
    let host = url.url().host_str().unwrap_or_default().to_owned();
    let port = url.url().port_or_known_default().unwrap_or(443);
    let lookup = tokio::net::lookup_host((host, port));
    if let Ok(Ok(addrs)) = tokio::time::timeout(SAVE_LOOKUP_TIMEOUT, lookup).await {
        for addr in addrs {
            refuse_private(addr.ip())?;
        }
    }
    Ok(())
}

/// Checks the literal address of a URL about to be called (names are checked by
/// [`GuardedResolver`] as the client resolves them).
pub fn check_literal(url: &WebhookUrl, allow_private: bool) -> Result<(), TargetError> {
    match literal_ip(url) {
        Some(ip) if !allow_private => refuse_private(ip),
        _ => Ok(()),
    }
}

fn refuse_private(ip: IpAddr) -> Result<(), TargetError> {
    if is_private_address(ip) {
        Err(TargetError::Private)
    } else {
        Ok(())
    }
}

/// The HTTP client's resolver: resolves as usual, then refuses the name if any of its
/// addresses is private, so the request cannot be steered there between check and connect.
pub struct GuardedResolver {
    pub allow_private: bool,
}

impl Resolve for GuardedResolver {
    fn resolve(&self, name: Name) -> Resolving {
        let allow_private = self.allow_private;
        Box::pin(async move {
            let found: Vec<SocketAddr> =
                tokio::net::lookup_host((name.as_str(), 0)).await?.collect();
            if !allow_private {
                for addr in &found {
                    refuse_private(addr.ip())?;
                }
            }
            let addrs: Addrs = Box::new(found.into_iter());
            Ok(addrs)
        })
    }
}
