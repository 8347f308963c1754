//! The one error type every use case returns. The API turns it into problem+json; the portal
//! into a page. Unexpected failures keep their cause chain for the log and show users a
//! plain apology with the request id.
use std::fmt;

use crate::domain::validation::FieldErrors;

#[derive(thiserror::Error)]
pub enum Error {
    /// The input broke a rule; each message is for the person who typed it.
    #[error("the request has invalid fields")]
    Invalid(FieldErrors),
    /// No valid sign-in.
    #[error("sign-in required")]
    Unauthenticated,
    /// Wrong email or password; deliberately says nothing about which.
    #[error("the email address or password is not right")]
    WrongCredentials,
    /// The role can never do this.
    #[error("not allowed")]
    Forbidden,
    /// Does not exist, or exists but is not the caller's to see.
    #[error("not found")]
    NotFound,
    /// The change conflicts with the current state.
    #[error("{0}")]
    Conflict(String),
    /// Too many failed attempts; try again after this many seconds.
    #[error("too many attempts")]
    TooManyAttempts { retry_after_seconds: u64 },
    #[error(transparent)]
    Unexpected(#[from] anyhow::Error),
}

impl Error {
    pub fn invalid(field: &str, message: impl Into<String>) -> Self {
        Error::Invalid(FieldErrors::single(field, message))
    }
}

impl From<sea_orm::DbErr> for Error {
    fn from(error: sea_orm::DbErr) -> Self {
        Error::Unexpected(anyhow::Error::new(error).context("database operation failed"))
    }
}

impl From<sea_orm::TransactionError<Error>> for Error {
    fn from(error: sea_orm::TransactionError<Error>) -> Self {
        match error {
            sea_orm::TransactionError::Connection(db) => db.into(),
            sea_orm::TransactionError::Transaction(inner) => inner,
        }
    }
}

/// `Debug` prints the whole cause chain, so a log line says why, not just what.
impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Unexpected(error) => write!(f, "{error:?}"),
            Error::Invalid(fields) => {
                let names: Vec<&String> = fields.iter().map(|(name, _)| name).collect();
                write!(f, "Invalid({names:?})")
            }
            other => write!(f, "{other}"),
        }
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
