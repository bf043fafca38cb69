//! Password hashing with Argon2id. Hashing runs off the async threads, and a login for an
//! unknown e-mail verifies against a dummy hash, so both failures take the same time.

use argon2::{
    password_hash::{rand_core::OsRng, PasswordHash, PasswordHasher, PasswordVerifier, SaltString},
    Algorithm, Argon2, Params, Version,
};
use frontdesk_core::agent::NewPassword;

/// Hashes and verifies passwords.
#[derive(Debug, Clone)]
pub struct Passwords {
    dummy_hash: String,
}

/// Argon2id with 7 MiB and 5 passes: one of OWASP's equally strong settings (with the
/// crate's default of 19 MiB and 2 passes). The memory is taken from the heap of the thread
/// that hashes, and the allocator keeps it for that thread afterwards, so the smaller setting
/// is what keeps an idle server small. Stored hashes carry their own settings, so older ones
/// still verify.
fn argon2() -> Argon2<'static> {
    let params = Params::new(7 * 1024, 5, 1, None).unwrap_or_default();
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

fn hash_now(password: &str) -> Result<String, argon2::password_hash::Error> {
    let salt = SaltString::generate(&mut OsRng);
    Ok(argon2()
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
                argon2()
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
        assert!(hash.starts_with("$argon2id$v=19$m=7168,t=5,p=1$"), "{hash}");
        assert!(
            passwords
                .verify(Some(hash.clone()), "correct horse battery")
                .await
        );
        assert!(!passwords.verify(Some(hash), "wrong horse battery").await);
        assert!(!passwords.verify(None, "frontdesk-dummy-password").await);
    }

    #[tokio::test]
    async fn a_hash_made_with_the_former_setting_still_verifies() {
        let salt = SaltString::generate(&mut OsRng);
        let old = Argon2::default()
            .hash_password(b"correct horse battery", &salt)
            .unwrap()
            .to_string();
        assert!(old.contains("m=19456,t=2"), "{old}");
        let passwords = Passwords::new().unwrap();
        assert!(
            passwords
                .verify(Some(old.clone()), "correct horse battery")
                .await
        );
        assert!(!passwords.verify(Some(old), "wrong horse battery").await);
    }
}
