//! Sending email. One `Mailer` trait; SMTP in production, `.eml` files in a folder otherwise.
//! Nothing sends directly: use cases queue messages in the outbox (`service::outbox`) and the
//! outbox worker hands them to the mailer.
use std::{path::PathBuf, sync::Arc};

use lettre::{
    AsyncFileTransport, AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor,
    message::{Mailbox, MultiPart},
};

use crate::settings::Settings;

/// Text made safe to put in an email's HTML part.
pub fn escape_html(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// A message ready to send. Subjects never carry personal data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutgoingEmail {
    pub to: String,
    pub subject: String,
    pub text: String,
    pub html: String,
}

#[derive(Debug, thiserror::Error)]
pub enum MailError {
    /// The message can never be sent as it is (a malformed address, say).
    #[error("the message cannot be sent: {0}")]
    Rejected(String),
    /// Sending failed this time; it may work later (the server is down, say).
    #[error("sending failed for now: {0}")]
    Unavailable(String),
}

#[async_trait::async_trait]
pub trait Mailer: Send + Sync {
    async fn send(&self, email: &OutgoingEmail) -> Result<(), MailError>;
}

fn build(from: &Mailbox, email: &OutgoingEmail) -> Result<Message, MailError> {
    let to: Mailbox = email
        .to
        .parse()
        .map_err(|_| MailError::Rejected("the recipient address is not valid".into()))?;
    Message::builder()
        .from(from.clone())
        .to(to)
        .subject(email.subject.clone())
        .multipart(MultiPart::alternative_plain_html(
            email.text.clone(),
            email.html.clone(),
        ))
        .map_err(|error| MailError::Rejected(error.to_string()))
}

/// SMTP, with TLS as the URL says: `smtps://…` (TLS) or `smtp://…?tls=required` (STARTTLS).
pub struct SmtpMailer {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
}

impl SmtpMailer {
    pub fn new(url: &str, from: Mailbox) -> anyhow::Result<Self> {
        let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(url)?
            .timeout(Some(std::time::Duration::from_secs(20)))
            .build();
        Ok(Self { transport, from })
    }
}

#[async_trait::async_trait]
impl Mailer for SmtpMailer {
    async fn send(&self, email: &OutgoingEmail) -> Result<(), MailError> {
        let message = build(&self.from, email)?;
        match self.transport.send(message).await {
            Ok(_) => Ok(()),
            Err(error) if error.is_permanent() => Err(MailError::Rejected(error.to_string())),
            Err(error) => Err(MailError::Unavailable(error.to_string())),
        }
    }
}

/// Writes each message as an `.eml` file, for running without an SMTP server.
pub struct OutboxFolderMailer {
    transport: AsyncFileTransport<Tokio1Executor>,
    from: Mailbox,
}

impl OutboxFolderMailer {
    pub fn new(folder: PathBuf, from: Mailbox) -> anyhow::Result<Self> {
        std::fs::create_dir_all(&folder)?;
        Ok(Self {
            transport: AsyncFileTransport::new(folder),
            from,
        })
    }
}

#[async_trait::async_trait]
impl Mailer for OutboxFolderMailer {
    async fn send(&self, email: &OutgoingEmail) -> Result<(), MailError> {
        let message = build(&self.from, email)?;
        self.transport
            .send(message)
            .await
            .map(|_| ())
            .map_err(|error| MailError::Unavailable(error.to_string()))
    }
}

/// The mailer the settings ask for.
pub fn from_settings(settings: &Settings) -> anyhow::Result<Arc<dyn Mailer>> {
    let from: Mailbox = settings
        .mail_from
        .parse()
        .map_err(|error| anyhow::anyhow!("ONWARD_MAIL_FROM is not a valid address: {error}"))?;
    Ok(match &settings.smtp_url {
        Some(url) => Arc::new(SmtpMailer::new(url.expose(), from)?),
        None => Arc::new(OutboxFolderMailer::new(settings.outbox_dir.clone(), from)?),
    })
}
