//! Password hashing with Argon2id. Hashing runs off the async threads, and a login for an
//! unknown e-mail verifies against a dummy hash, so both failures take the same time.

use argon2::{
    password_hash::{rand_core::OsRng, PasswordHash, PasswordHasher, PasswordVerifier, SaltString},
    Argon2,
};
use frontdesk_core::agent::NewPassword;

/// Hashes and verifies passwords.
#[derive(Debug, Clone)]
pub struct Passwords {
    dummy_hash: String,
}

fn hash_now(password: &str) -> Result<String, argon2::password_hash::Error> {
    let salt = SaltString::generate(&mut OsRng);
    Ok(Argon2::default()
        .hash_password(password.as_bytes(), &salt)?
        .to_string())
}

impl Passwords {
    /// Prepares the dummy hash that unknown users are checked against.
    pub fn new() -> anyhow::Result<Self> {
        Ok(Self {
            dummy_hash: hash_now("frontdesk-dummy-password")
                .map_err(|e| anyhow::anyhow!("cannot hash: {e}"))?,
        })
    }

    /// Hashes a new password (PHC string with parameters and salt).
    pub async fn hash(&self, password: &NewPassword) -> anyhow::Result<String> {
        let text = password.expose().to_owned();
        tokio::task::spawn_blocking(move || hash_now(&text))
            .await?
            .map_err(|e| anyhow::anyhow!("cannot hash: {e}"))
    }

    /// Whether `password` matches `hash`; with `None` (unknown user) it does the same work
    /// against the dummy hash and answers `false`.
    pub async fn verify(&self, hash: Option<String>, password: &str) -> bool {
        let known = hash.is_some();
        let hash = hash.unwrap_or_else(|| self.dummy_hash.clone());
        let password = password.to_owned();
        let matched = tokio::task::spawn_blocking(move || {
            PasswordHash::new(&hash).is_ok_and(|parsed| {
                Argon2::default()
                    .verify_password(password.as_bytes(), &parsed)
                    .is_ok()
            })
        })
        .await
        .unwrap_or(false);
        known && matched
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_hash_verifies_only_its_own_password() {
        let passwords = Passwords::new().unwrap();
        let hash = passwords
            .hash(&NewPassword::parse("correct horse battery").unwrap())
            .await
            .unwrap();
        assert!(hash.starts_with("$argon2id$"));
        assert!(
            passwords
                .verify(Some(hash.clone()), "correct horse battery")
                .await
        );
        assert!(!passwords.verify(Some(hash), "wrong horse battery").await);
        assert!(!passwords.verify(None, "frontdesk-dummy-password").await);
    }
}
