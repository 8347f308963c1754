//! Configuration: one typed struct, layered defaults → `onward.toml` → `ONWARD_*` and
//! `DATABASE_URL` from the environment.
use std::{fmt, path::PathBuf};

use figment::{
    Figment,
    providers::{Env, Format, Toml},
};
use serde::{Deserialize, Deserializer};

use crate::domain::obligations::LocalStandards;

/// The shortest JWT secret production accepts: 256 bits, as HS256 needs.
pub const MIN_JWT_SECRET_BYTES: usize = 32;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Environment {
    #[default]
    Development,
    Production,
}

/// A value that must never be printed: `Debug` and `Display` show a placeholder.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    pub fn new(value: impl Into<String>) -> Self {
        Self(value.into())
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret([redacted])")
    }
}

impl<'de> Deserialize<'de> for Secret {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        // The environment layer reads digits as numbers; a secret is always its text.
        Ok(Secret(Scalar::deserialize(deserializer)?.into_string()))
    }
}

#[derive(Deserialize)]
#[serde(untagged)]
enum Scalar {
    Text(String),
    Whole(i64),
    Unsigned(u64),
    Fraction(f64),
    Truth(bool),
}

impl Scalar {
    fn into_string(self) -> String {
        match self {
            Scalar::Text(s) => s,
            Scalar::Whole(n) => n.to_string(),
            Scalar::Unsigned(n) => n.to_string(),
            Scalar::Fraction(n) => n.to_string(),
            Scalar::Truth(b) => b.to_string(),
        }
    }
}

/// `1`, `true`, `yes` and `on` turn a flag on; anything else leaves it off.
fn flag<'de, D: Deserializer<'de>>(deserializer: D) -> Result<bool, D::Error> {
    let text = Scalar::deserialize(deserializer)?
        .into_string()
        .to_lowercase();
    Ok(matches!(text.as_str(), "1" | "true" | "yes" | "on"))
}

#[derive(Debug, Clone, Deserialize)]
#[serde(default)]
pub struct Settings {
    /// `ONWARD_ENV`: `development` (default) or `production`.
    pub env: Environment,
    /// `ONWARD_BIND`: address and port to listen on.
    pub bind: String,
    /// `DATABASE_URL`: `sqlite://…` or `postgres://…`.
    pub database_url: String,
    /// `ONWARD_JWT_SECRET`: signs access tokens; required in production.
    pub jwt_secret: Option<Secret>,
    /// `ONWARD_ALLOW_SQLITE`: let production run on SQLite (a single small site only).
    #[serde(deserialize_with = "flag")]
    pub allow_sqlite: bool,
    /// `ONWARD_OUTBOX_DIR`: where email is written as `.eml` files when there is no SMTP.
    pub outbox_dir: PathBuf,
    /// `ONWARD_SMTP_URL`: `smtps://user:pass@host` or `smtp://host?tls=required`.
    pub smtp_url: Option<Secret>,
    /// `ONWARD_MAIL_FROM`: who email comes from.
    pub mail_from: String,
    /// `ONWARD_DEMO`: load the demo authority, staff and young people at start-up.
    #[serde(deserialize_with = "flag")]
    pub demo: bool,
    /// `ONWARD_DENTAL_CHECK_MONTHS`: months between dental checks for a child in care.
    pub dental_check_months: u32,
    /// `ONWARD_PA_CONTACT_WEEKS`: weeks a personal adviser may go without being in touch.
    pub pa_contact_weeks: u32,
    /// `ONWARD_HOMELESS_ASSESSMENT_WORKING_DAYS`: working days from a homeless 16 or 17 year
    /// old presenting to a completed joint assessment.
    pub homeless_assessment_working_days: u32,
    /// `ONWARD_PUBLIC_URL`: the address people reach this service at, for links in email
    /// (default: `http://` and the address it listens on).
    pub public_url: Option<String>,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            env: Environment::Development,
            bind: "127.0.0.1:8080".into(),
            database_url: "sqlite://onward.db?mode=rwc".into(),
            jwt_secret: None,
            allow_sqlite: false,
            outbox_dir: PathBuf::from("outbox"),
            smtp_url: None,
            mail_from: "Onward <no-reply@onward.invalid>".into(),
            demo: false,
            dental_check_months: LocalStandards::DEFAULT_DENTAL_CHECK_MONTHS,
            pa_contact_weeks: LocalStandards::DEFAULT_PA_CONTACT_WEEKS,
            homeless_assessment_working_days:
                LocalStandards::DEFAULT_HOMELESS_ASSESSMENT_WORKING_DAYS,
            public_url: None,
        }
    }
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum SettingsError {
    #[error("could not read the configuration: {0}")]
    Unreadable(String),
    #[error(
        "ONWARD_JWT_SECRET must be set to at least {MIN_JWT_SECRET_BYTES} random bytes in production"
    )]
    WeakJwtSecret,
    #[error(
        "production needs PostgreSQL (DATABASE_URL=postgres://…); set ONWARD_ALLOW_SQLITE=1 to run on SQLite anyway"
    )]
    SqliteInProduction,
    #[error("DATABASE_URL must start with sqlite:// or postgres://")]
    UnknownDatabase,
    #[error(
        "ONWARD_DENTAL_CHECK_MONTHS must be a whole number of months from 1 to {}",
        LocalStandards::MAX_DENTAL_CHECK_MONTHS
    )]
    DentalCheckInterval,
    #[error(
        "ONWARD_PA_CONTACT_WEEKS must be a whole number of weeks from 1 to {}",
        LocalStandards::MAX_PA_CONTACT_WEEKS
    )]
    PaContactInterval,
    #[error(
        "ONWARD_HOMELESS_ASSESSMENT_WORKING_DAYS must be a whole number of working days from 1 to {}",
        LocalStandards::MAX_HOMELESS_ASSESSMENT_WORKING_DAYS
    )]
    HomelessAssessmentInterval,
}

impl Settings {
    /// Defaults, then `onward.toml` if it exists, then the environment.
    pub fn load() -> Result<Self, SettingsError> {
        Self::from_figment(
            Figment::new()
                .merge(Toml::file("onward.toml"))
                .merge(Env::prefixed("ONWARD_").ignore(&["test_postgres_url"]))
                .merge(Env::raw().only(&["database_url"])),
        )
    }

    fn from_figment(figment: Figment) -> Result<Self, SettingsError> {
        figment
            .extract()
            .map_err(|error| SettingsError::Unreadable(error.to_string()))
    }

    pub fn is_production(&self) -> bool {
        self.env == Environment::Production
    }

    /// The intervals the authority has set for itself.
    pub fn standards(&self) -> LocalStandards {
        LocalStandards {
            dental_check_months: self.dental_check_months,
            pa_contact_weeks: self.pa_contact_weeks,
            homeless_assessment_working_days: self.homeless_assessment_working_days,
        }
    }

    pub fn uses_sqlite(&self) -> bool {
        self.database_url.starts_with("sqlite:")
    }

    /// Refuse to start on settings that would be unsafe where real children's data lives.
    pub fn check(&self) -> Result<(), SettingsError> {
        if !self.uses_sqlite()
            && !self.database_url.starts_with("postgres://")
            && !self.database_url.starts_with("postgresql://")
        {
            return Err(SettingsError::UnknownDatabase);
        }
        if !(1..=LocalStandards::MAX_DENTAL_CHECK_MONTHS).contains(&self.dental_check_months) {
            return Err(SettingsError::DentalCheckInterval);
        }
        if !(1..=LocalStandards::MAX_PA_CONTACT_WEEKS).contains(&self.pa_contact_weeks) {
            return Err(SettingsError::PaContactInterval);
        }
        if !(1..=LocalStandards::MAX_HOMELESS_ASSESSMENT_WORKING_DAYS)
            .contains(&self.homeless_assessment_working_days)
        {
            return Err(SettingsError::HomelessAssessmentInterval);
        }
        if self.is_production() {
            let strong = self
                .jwt_secret
                .as_ref()
                .is_some_and(|secret| secret.expose().len() >= MIN_JWT_SECRET_BYTES);
            if !strong {
                return Err(SettingsError::WeakJwtSecret);
            }
            if self.uses_sqlite() && !self.allow_sqlite {
                return Err(SettingsError::SqliteInProduction);
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use figment::providers::Serialized;

    fn with(pairs: &[(&str, &str)]) -> Result<Settings, SettingsError> {
        let mut figment = Figment::new();
        for (key, value) in pairs {
            figment = figment.merge(Serialized::default(key, value));
        }
        Settings::from_figment(figment)
    }

    fn production(pairs: &[(&str, &str)]) -> Settings {
        let mut all = vec![("env", "production")];
        all.extend_from_slice(pairs);
        with(&all).unwrap()
    }

    #[test]
    fn defaults_give_the_embedded_set_up() {
        let settings = with(&[]).unwrap();
        assert_eq!(settings.bind, "127.0.0.1:8080");
        assert!(settings.uses_sqlite());
        assert_eq!(settings.outbox_dir, PathBuf::from("outbox"));
        assert_eq!(settings.check(), Ok(()));
    }

    #[test]
    fn production_refuses_a_missing_or_short_jwt_secret() {
        let postgres = ("database_url", "postgres://db/onward");
        assert_eq!(
            production(&[postgres]).check(),
            Err(SettingsError::WeakJwtSecret)
        );
        let short = ("jwt_secret", "too-short");
        assert_eq!(
            production(&[postgres, short]).check(),
            Err(SettingsError::WeakJwtSecret)
        );
        let strong = ("jwt_secret", "0123456789abcdef0123456789abcdef");
        assert_eq!(production(&[postgres, strong]).check(), Ok(()));
    }

    #[test]
    fn production_refuses_sqlite_unless_allowed() {
        let strong = ("jwt_secret", "0123456789abcdef0123456789abcdef");
        assert_eq!(
            production(&[strong]).check(),
            Err(SettingsError::SqliteInProduction)
        );
        assert_eq!(production(&[strong, ("allow_sqlite", "1")]).check(), Ok(()));
    }

    #[test]
    fn the_dental_check_interval_is_the_authoritys_within_two_years() {
        assert_eq!(with(&[]).unwrap().standards(), LocalStandards::default());
        let months = |n: u32| {
            Settings::from_figment(
                Figment::new().merge(Serialized::default("dental_check_months", n)),
            )
            .unwrap()
        };
        assert_eq!(months(12).check(), Ok(()));
        assert_eq!(months(12).standards().dental_check_months, 12);
        assert_eq!(months(0).check(), Err(SettingsError::DentalCheckInterval));
        assert_eq!(months(25).check(), Err(SettingsError::DentalCheckInterval));
    }

    #[test]
    fn secrets_never_print() {
        let settings = with(&[("jwt_secret", "hunter2-hunter2")]).unwrap();
        assert!(!format!("{settings:?}").contains("hunter2"));
    }
}
