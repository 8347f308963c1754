use std::time::Duration;

use api::{
    mail::{OutgoingEmail, SmtpMailer},
    service::outbox,
};
use chrono::Utc;
use sea_orm::EntityTrait;

use crate::{
    helpers::{Options, spawn_app, spawn_app_with},
    smtp::{free_port, start_smtp},
};

fn letter(to: &str) -> OutgoingEmail {
    OutgoingEmail {
        to: to.into(),
        subject: "A message from Onward".into(),
        text: "Plain words for a small screen.".into(),
        html: "<p>Plain words for a small screen.</p>".into(),
    }
}

fn mailer(address: std::net::SocketAddr) -> SmtpMailer {
    SmtpMailer::new(
        &format!("smtp://{address}"),
        "Onward <no-reply@onward.test>".parse().unwrap(),
    )
    .unwrap()
}

#[tokio::test]
async fn an_email_queued_while_smtp_is_down_is_delivered_once_it_is_back() {
    let app = spawn_app_with(Options {
        demo: false,
        ..Options::default()
    })
    .await;
    let smtp_address = free_port();
    let mailer = mailer(smtp_address);
    // An hour ahead, so the running server's own worker leaves this message to the test.
    let now = Utc::now() + chrono::Duration::hours(1);
    let id = outbox::enqueue(&app.state.db, &letter("jess@example.org"), now)
        .await
        .unwrap();

    // The server is down: nothing is lost, and the message waits to be tried again.
    let first = outbox::deliver_due(&app.state.db, &mailer, now)
        .await
        .unwrap();
    assert_eq!((first.sent, first.retrying, first.failed), (0, 1, 0));
    let row = entity::outbox_message::Entity::find_by_id(id)
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(row.status, "pending");
    assert_eq!(row.attempts, 1);
    assert_eq!(row.text_body, "Plain words for a small screen.");

    // The server comes back; the message is retried after its backoff, not before.
    let inbox = start_smtp(smtp_address).await;
    let early = outbox::deliver_due(&app.state.db, &mailer, now + chrono::Duration::seconds(1))
        .await
        .unwrap();
    assert_eq!(early.sent, 0);
    let retry = outbox::deliver_due(&app.state.db, &mailer, now + chrono::Duration::seconds(6))
        .await
        .unwrap();
    assert_eq!(retry.sent, 1);

    let received = inbox.wait_for(1, Duration::from_secs(5)).await;
    assert_eq!(received.len(), 1);
    assert_eq!(received[0].to, vec!["jess@example.org".to_string()]);
    assert!(received[0].raw.contains("Subject: A message from Onward"));
    assert!(received[0].raw.contains("text/plain") && received[0].raw.contains("text/html"));

    let row = entity::outbox_message::Entity::find_by_id(id)
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(row.status, "sent");
    assert!(row.sent_at.is_some());
    assert!(
        row.text_body.is_empty() && row.html_body.is_empty(),
        "bodies are cleared once sent"
    );

    // Nothing is sent twice.
    let again = outbox::deliver_due(&app.state.db, &mailer, now + chrono::Duration::minutes(30))
        .await
        .unwrap();
    assert_eq!(again.sent, 0);
}

#[tokio::test]
async fn a_restarted_server_sends_what_was_pending() {
    let smtp_address = free_port();
    let inbox = start_smtp(smtp_address).await;
    // Queue a message before any server runs, as if the last one stopped before sending it.
    let app = spawn_app_with(Options {
        demo: false,
        smtp_url: Some(format!("smtp://{smtp_address}")),
        ..Options::default()
    })
    .await;
    let db = app.state.db.clone();
    outbox::enqueue(&db, &letter("sam@example.org"), Utc::now())
        .await
        .unwrap();
    // The running server's worker picks it up without being told.
    let received = inbox.wait_for(1, Duration::from_secs(10)).await;
    assert_eq!(received.len(), 1, "the pending message was sent");
    assert_eq!(received[0].to, vec!["sam@example.org".to_string()]);
}

#[tokio::test]
async fn a_message_two_workers_see_is_sent_once() {
    let app = spawn_app_with(Options {
        demo: false,
        ..Options::default()
    })
    .await;
    let smtp_address = free_port();
    let inbox = start_smtp(smtp_address).await;
    let (one, two) = (mailer(smtp_address), mailer(smtp_address));
    let now = Utc::now() + chrono::Duration::hours(1);
    outbox::enqueue(&app.state.db, &letter("jess@example.org"), now)
        .await
        .unwrap();
    let (a, b) = tokio::join!(
        outbox::deliver_due(&app.state.db, &one, now),
        outbox::deliver_due(&app.state.db, &two, now)
    );
    assert_eq!(a.unwrap().sent + b.unwrap().sent, 1);
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(inbox.messages().len(), 1);
}

#[tokio::test]
async fn without_smtp_email_is_written_to_the_outbox_folder() {
    let app = spawn_app().await;
    outbox::enqueue(&app.state.db, &letter("jess@example.org"), Utc::now())
        .await
        .unwrap();
    app.state.mail_wake.notify_one();
    let file = crate::portal::wait_for_email(&app, 1).await;
    assert!(file.contains("To: jess@example.org"));
    assert!(file.contains("Subject: A message from Onward"));
}
