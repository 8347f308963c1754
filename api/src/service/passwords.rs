//! Password hashing with Argon2id. Verification takes about as long whether or not the
//! account exists, so timing does not reveal who has an account.
use std::sync::LazyLock;

use argon2::{
    Argon2,
    password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString, rand_core::OsRng},
};

use crate::error::{Error, Result};

pub const MIN_PASSWORD_CHARS: usize = 12;

pub fn hash(password: &str) -> Result<String> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|hash| hash.to_string())
        .map_err(|error| Error::Unexpected(anyhow::anyhow!("hashing a password failed: {error}")))
}

/// Hash a password someone chose, after checking it is strong enough.
pub fn hash_chosen(password: &str) -> Result<String> {
    check_strength(password).map_err(|message| Error::invalid("password", message))?;
    hash(password)
}

/// Check a password against a stored hash; with no hash, spend the same effort and fail.
pub fn verify(password: &str, stored: Option<&str>) -> bool {
    static DUMMY: LazyLock<String> =
        LazyLock::new(|| hash("not a real password, only for timing").expect("hashing works"));
    let (stored, real) = match stored {
        Some(stored) => (stored, true),
        None => (DUMMY.as_str(), false),
    };
    let Ok(parsed) = PasswordHash::new(stored) else {
        return false;
    };
    // argon2 compares the digests in constant time.
    let matches = Argon2::default()
        .verify_password(password.as_bytes(), &parsed)
        .is_ok();
    matches && real
}

/// Rules for a password a person chooses: long enough to resist guessing.
pub fn check_strength(password: &str) -> Result<(), String> {
    if password.chars().count() < MIN_PASSWORD_CHARS {
        return Err(format!(
            "Password must be at least {MIN_PASSWORD_CHARS} characters"
        ));
    }
    if password.len() > 1024 {
        return Err("Password must be 1,024 characters or fewer".into());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hashed_password_verifies_and_a_wrong_one_does_not() {
        let stored = hash("correct horse battery").unwrap();
        assert!(stored.starts_with("$argon2id$"));
        assert!(verify("correct horse battery", Some(&stored)));
        assert!(!verify("correct horse batterz", Some(&stored)));
    }

    #[test]
    fn an_account_without_a_password_never_verifies() {
        assert!(!verify("not a real password, only for timing", None));
    }

    #[test]
    fn short_passwords_are_refused() {
        assert!(check_strength("short").is_err());
        assert!(check_strength("twelve chars").is_ok());
    }
}
