//! Endpoint secrets: made at random, shown once, stored sealed (§10). Signing needs the
//! secret itself, so it cannot be hashed like an API key; it is encrypted with a key derived
//! from the server's secret key, and a copy of the database alone does not reveal it.

use chacha20poly1305::{
    aead::{Aead, AeadCore, KeyInit, OsRng},
    XChaCha20Poly1305, XNonce,
};
use frontdesk_core::webhook::SECRET_PREFIX;
use hmac::{Hmac, Mac};
use sha2::{Digest, Sha256};

/// Marks the sealing format, so it can change later.
const SEALED_PREFIX: &str = "x1.";

/// Seals and opens endpoint secrets with the server's key.
#[derive(Clone)]
pub struct SecretBox(XChaCha20Poly1305);

impl std::fmt::Debug for SecretBox {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SecretBox(***)")
    }
}

impl SecretBox {
    /// A box whose key is derived from `server_key`, kept apart from its other uses.
    pub fn new(server_key: &[u8]) -> Self {
        let mut hash = Sha256::new();
        hash.update(b"frontdesk webhook secrets\0");
        hash.update(server_key);
        Self(XChaCha20Poly1305::new(&hash.finalize()))
    }

    /// The stored form of `secret`.
    pub fn seal(&self, secret: &str) -> String {
        let nonce = XChaCha20Poly1305::generate_nonce(&mut OsRng);
        let sealed = self
            .0
            .encrypt(&nonce, secret.as_bytes())
            .expect("encrypting a short secret cannot fail");
        format!(
            "{SEALED_PREFIX}{}{}",
            hex::encode(nonce),
            hex::encode(sealed)
        )
    }

    /// The secret in a stored form, or `None` if it was sealed with another key or damaged.
    pub fn open(&self, sealed: &str) -> Option<String> {
        let bytes = hex::decode(sealed.strip_prefix(SEALED_PREFIX)?).ok()?;
        if bytes.len() < 24 {
            return None;
        }
        let (nonce, body) = bytes.split_at(24);
        let plain = self.0.decrypt(XNonce::from_slice(nonce), body).ok()?;
        String::from_utf8(plain).ok()
    }
}

/// A fresh endpoint secret.
pub fn new_secret() -> String {
    format!("{SECRET_PREFIX}{}", crate::web::random_token())
}

/// The `Frontdesk-Signature` value: `v1=` and the hex HMAC-SHA256 of `{timestamp}.{body}`.
pub fn signature(secret: &str, timestamp_secs: i64, body: &str) -> String {
    let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(secret.as_bytes())
        .expect("HMAC takes any key length");
    mac.update(frontdesk_core::webhook::signed_text(timestamp_secs, body).as_bytes());
    format!("v1={}", hex::encode(mac.finalize().into_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sealed_secret_opens_only_with_its_key() {
        let one = SecretBox::new(b"server key one");
        let sealed = one.seal("whsec_abc");
        assert!(!sealed.contains("whsec_abc"));
        assert_eq!(one.open(&sealed).as_deref(), Some("whsec_abc"));
        assert_ne!(one.seal("whsec_abc"), sealed, "a fresh nonce each time");
        assert_eq!(SecretBox::new(b"server key two").open(&sealed), None);
        for junk in ["", "x1.", "x1.zz", "whsec_abc", &sealed[..sealed.len() - 2]] {
            assert_eq!(one.open(junk), None, "{junk}");
        }
    }

    #[test]
    fn signatures_cover_timestamp_and_body() {
        let a = signature("s", 100, "{}");
        assert!(a.starts_with("v1=") && a.len() == 3 + 64);
        assert_ne!(a, signature("s", 101, "{}"));
        assert_ne!(a, signature("s", 100, "{ }"));
        assert_ne!(a, signature("t", 100, "{}"));
    }
}
