//! Signed visitor tokens: `v1.ACCOUNT.VISITOR.MAC`, where MAC is HMAC-SHA256 over the rest.
//! A visitor id cannot be forged or moved to another account without the server's key.

use frontdesk_core::ids::AccountId;
use hmac::{Hmac, Mac};
use sha2::Sha256;
use std::path::Path;

type HmacSha256 = Hmac<Sha256>;

/// The server's signing key.
#[derive(Clone)]
pub struct TokenKey(Vec<u8>);

impl std::fmt::Debug for TokenKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("TokenKey(***)")
    }
}

impl TokenKey {
    /// Uses the configured secret, or the one kept in `data_dir/secret.key` (created with a
    /// random value on first use). Several nodes must share a configured secret.
    pub fn load(configured: &str, data_dir: &Path) -> anyhow::Result<Self> {
        if !configured.is_empty() {
            return Ok(Self(configured.as_bytes().to_vec()));
        }
        let path = data_dir.join("secret.key");
        match std::fs::read_to_string(&path) {
            Ok(text) if text.trim().len() >= 32 => Ok(Self(text.trim().as_bytes().to_vec())),
            _ => {
                std::fs::create_dir_all(data_dir)?;
                let secret = crate::web::random_token();
                std::fs::write(&path, &secret).map_err(|e| {
                    anyhow::anyhow!("cannot write the secret key {}: {e}", path.display())
                })?;
                Ok(Self(secret.into_bytes()))
            }
        }
    }

    /// The key itself, for deriving keys for other purposes (webhook secrets).
    pub(crate) fn bytes(&self) -> &[u8] {
        &self.0
    }

    fn mac(&self, payload: &str) -> HmacSha256 {
        let mut mac = HmacSha256::new_from_slice(&self.0).expect("HMAC takes any key length");
        mac.update(payload.as_bytes());
        mac
    }

    /// A token naming `visitor_id` in `account`.
    pub fn sign(&self, account: AccountId, visitor_id: &str) -> String {
        let payload = format!("v1.{account}.{visitor_id}");
        let tag = hex::encode(self.mac(&payload).finalize().into_bytes());
        format!("{payload}.{tag}")
    }

    /// The visitor id in a token, if the token is genuine and for `account`.
    pub fn verify(&self, account: AccountId, token: &str) -> Option<String> {
        let (payload, tag) = token.rsplit_once('.')?;
        let tag = hex::decode(tag).ok()?;
        self.mac(payload).verify_slice(&tag).ok()?;
        let mut parts = payload.split('.');
        let (version, acc, visitor) = (parts.next()?, parts.next()?, parts.next()?);
        if version != "v1" || parts.next().is_some() || acc != account.to_string() {
            return None;
        }
        Some(visitor.to_owned())
    }
}

impl TokenKey {
    /// A token that lets the chat box run a chatbot's draft until `expires_ms`.
    pub fn sign_preview(&self, account: AccountId, chatbot: i64, expires_ms: i64) -> String {
        let payload = format!("p1.{account}.{chatbot}.{expires_ms}");
        let tag = hex::encode(self.mac(&payload).finalize().into_bytes());
        format!("{payload}.{tag}")
    }

    /// The chatbot a preview token names, if genuine, for `account` and not expired.
    pub fn verify_preview(&self, account: AccountId, token: &str, now_ms: i64) -> Option<i64> {
        let (payload, tag) = token.rsplit_once('.')?;
        self.mac(payload)
            .verify_slice(&hex::decode(tag).ok()?)
            .ok()?;
        let mut parts = payload.split('.');
        let (version, acc) = (parts.next()?, parts.next()?);
        let chatbot: i64 = parts.next()?.parse().ok()?;
        let expires: i64 = parts.next()?.parse().ok()?;
        (version == "p1"
            && acc == account.to_string()
            && now_ms < expires
            && parts.next().is_none())
        .then_some(chatbot)
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn preview_tokens_expire_and_stay_in_their_account() {
        let key = TokenKey(b"k".repeat(32));
        let token = key.sign_preview(AccountId(3), 42, 1_000);
        assert_eq!(key.verify_preview(AccountId(3), &token, 999), Some(42));
        assert_eq!(
            key.verify_preview(AccountId(3), &token, 1_000),
            None,
            "expired"
        );
        assert_eq!(
            key.verify_preview(AccountId(4), &token, 10),
            None,
            "another account"
        );
        assert_eq!(
            key.verify_preview(AccountId(3), &token.replace(".42.", ".43."), 10),
            None
        );
        let visitor = key.sign(AccountId(3), "v");
        assert_eq!(
            key.verify_preview(AccountId(3), &visitor, 10),
            None,
            "not a preview token"
        );
    }

    use super::*;

    #[test]
    fn tokens_verify_only_as_signed() {
        let key = TokenKey(b"k".repeat(32));
        let token = key.sign(AccountId(7), "abc123");
        assert_eq!(key.verify(AccountId(7), &token).as_deref(), Some("abc123"));
        assert_eq!(key.verify(AccountId(8), &token), None, "another account");
        let forged = token.replace("abc123", "abc124");
        assert_eq!(key.verify(AccountId(7), &forged), None, "edited id");
        let other_key = TokenKey(b"x".repeat(32));
        assert_eq!(
            other_key.verify(AccountId(7), &token),
            None,
            "another server"
        );
        for junk in ["", "v1", "v1.7.abc", "a.b.c.zz", "v1.7.abc.123."] {
            assert_eq!(key.verify(AccountId(7), junk), None, "{junk}");
        }
    }
}
