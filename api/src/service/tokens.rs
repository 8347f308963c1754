//! Access tokens (HS256 JWTs, 15 minutes) and refresh tokens (random, stored only as hashes).
use base64::{Engine, engine::general_purpose::URL_SAFE_NO_PAD};
use chrono::{DateTime, Duration, Utc};
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation};
use rand::RngCore;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use uuid::Uuid;

pub const ACCESS_TOKEN_LIFETIME: Duration = Duration::minutes(15);
pub const SESSION_LIFETIME: Duration = Duration::days(30);
const ISSUER: &str = "onward";
const AUDIENCE: &str = "onward-api";

pub struct TokenKeys {
    encoding: EncodingKey,
    decoding: DecodingKey,
    validation: Validation,
}

#[derive(Debug, Serialize, Deserialize)]
pub struct Claims {
    pub iss: String,
    pub aud: String,
    pub sub: Uuid,
    /// The sign-in session, so that signing out ends the access token too.
    pub sid: Uuid,
    pub iat: i64,
    pub exp: i64,
}

impl TokenKeys {
    pub fn new(secret: &[u8]) -> Self {
        // Pinned to HS256: a token claiming any other algorithm is refused.
        let mut validation = Validation::new(Algorithm::HS256);
        validation.set_issuer(&[ISSUER]);
        validation.set_audience(&[AUDIENCE]);
        validation.set_required_spec_claims(&["exp", "iss", "aud", "sub"]);
        validation.leeway = 0;
        Self {
            encoding: EncodingKey::from_secret(secret),
            decoding: DecodingKey::from_secret(secret),
            validation,
        }
    }

    /// A fresh random secret, for development runs that were given none.
    pub fn random_secret() -> Vec<u8> {
        let mut secret = vec![0u8; 32];
        rand::rngs::OsRng.fill_bytes(&mut secret);
        secret
    }

    pub fn issue_access_token(
        &self,
        user_id: Uuid,
        session_id: Uuid,
        now: DateTime<Utc>,
    ) -> anyhow::Result<String> {
        let claims = Claims {
            iss: ISSUER.into(),
            aud: AUDIENCE.into(),
            sub: user_id,
            sid: session_id,
            iat: now.timestamp(),
            exp: (now + ACCESS_TOKEN_LIFETIME).timestamp(),
        };
        Ok(jsonwebtoken::encode(
            &Header::new(Algorithm::HS256),
            &claims,
            &self.encoding,
        )?)
    }

    /// The claims of a token that is well-formed, signed by us, for us, and unexpired.
    pub fn verify_access_token(&self, token: &str) -> Option<Claims> {
        jsonwebtoken::decode::<Claims>(token, &self.decoding, &self.validation)
            .ok()
            .map(|data| data.claims)
    }
}

/// A new refresh token: 256 random bits, URL-safe.
pub fn new_refresh_token() -> String {
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    URL_SAFE_NO_PAD.encode(bytes)
}

/// What is stored in place of a refresh token.
pub fn hash_refresh_token(token: &str) -> String {
    hex(&Sha256::digest(token.as_bytes()))
}

pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_token_verifies_with_its_own_key_only() {
        let keys = TokenKeys::new(b"0123456789abcdef0123456789abcdef");
        let user = Uuid::new_v4();
        let token = keys
            .issue_access_token(user, Uuid::new_v4(), Utc::now())
            .unwrap();
        assert_eq!(keys.verify_access_token(&token).unwrap().sub, user);
        let other = TokenKeys::new(b"another secret of thirty-two bytes!!");
        assert!(other.verify_access_token(&token).is_none());
    }

    #[test]
    fn an_expired_token_is_refused() {
        let keys = TokenKeys::new(b"0123456789abcdef0123456789abcdef");
        let issued = Utc::now() - ACCESS_TOKEN_LIFETIME - Duration::seconds(1);
        let token = keys
            .issue_access_token(Uuid::new_v4(), Uuid::new_v4(), issued)
            .unwrap();
        assert!(keys.verify_access_token(&token).is_none());
    }

    #[test]
    fn a_token_signed_with_another_algorithm_is_refused() {
        let secret = b"0123456789abcdef0123456789abcdef";
        let keys = TokenKeys::new(secret);
        let now = Utc::now();
        let claims = Claims {
            iss: ISSUER.into(),
            aud: AUDIENCE.into(),
            sub: Uuid::new_v4(),
            sid: Uuid::new_v4(),
            iat: now.timestamp(),
            exp: (now + Duration::minutes(5)).timestamp(),
        };
        let hs512 = jsonwebtoken::encode(
            &Header::new(Algorithm::HS512),
            &claims,
            &EncodingKey::from_secret(secret),
        )
        .unwrap();
        assert!(keys.verify_access_token(&hs512).is_none());
    }

    #[test]
    fn refresh_tokens_are_unique_and_their_hashes_hide_them() {
        let a = new_refresh_token();
        let b = new_refresh_token();
        assert_ne!(a, b);
        assert_eq!(hash_refresh_token(&a).len(), 64);
        assert!(!hash_refresh_token(&a).contains(&a));
    }
}
