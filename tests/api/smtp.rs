//! A small SMTP server on 127.0.0.1 for tests to send through: it speaks enough of RFC 5321
//! for a real client (lettre) and keeps every message it accepts.
use std::{
    net::SocketAddr,
    sync::{Arc, Mutex},
    time::Duration,
};

use tokio::{
    io::{AsyncBufReadExt, AsyncWriteExt, BufReader},
    net::{TcpListener, TcpStream},
};

#[derive(Debug, Clone)]
pub struct Received {
    pub to: Vec<String>,
    pub raw: String,
}

#[derive(Clone, Default)]
pub struct Inbox(Arc<Mutex<Vec<Received>>>);

impl Inbox {
    pub fn messages(&self) -> Vec<Received> {
        self.0.lock().unwrap().clone()
    }

    /// Wait up to `limit` for at least `count` messages.
    pub async fn wait_for(&self, count: usize, limit: Duration) -> Vec<Received> {
        let deadline = tokio::time::Instant::now() + limit;
        loop {
            let messages = self.messages();
            if messages.len() >= count || tokio::time::Instant::now() >= deadline {
                return messages;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }
}

/// A free port on 127.0.0.1 with nothing listening on it (yet).
pub fn free_port() -> SocketAddr {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    listener.local_addr().expect("address")
}

/// Start an SMTP server at `address`; it runs until the test ends.
pub async fn start_smtp(address: SocketAddr) -> Inbox {
    let inbox = Inbox::default();
    let listener = TcpListener::bind(address)
        .await
        .expect("bind the SMTP port");
    let accepted = inbox.clone();
    tokio::spawn(async move {
        while let Ok((socket, _)) = listener.accept().await {
            tokio::spawn(conversation(socket, accepted.clone()));
        }
    });
    inbox
}

async fn conversation(socket: TcpStream, inbox: Inbox) -> std::io::Result<()> {
    let (reader, mut writer) = socket.into_split();
    let mut lines = BufReader::new(reader).lines();
    writer.write_all(b"220 smtp.test ESMTP ready\r\n").await?;
    let mut to = Vec::new();
    while let Some(line) = lines.next_line().await? {
        let command = line.to_ascii_uppercase();
        let reply: &[u8] = if command.starts_with("EHLO") {
            b"250-smtp.test\r\n250-8BITMIME\r\n250 SMTPUTF8\r\n"
        } else if command.starts_with("HELO")
            || command.starts_with("MAIL FROM:")
            || command.starts_with("NOOP")
        {
            b"250 OK\r\n"
        } else if command.starts_with("RCPT TO:") {
            let address = line[8..]
                .trim()
                .trim_start_matches('<')
                .trim_end_matches('>');
            to.push(address.to_owned());
            b"250 OK\r\n"
        } else if command.starts_with("RSET") {
            to.clear();
            b"250 OK\r\n"
        } else if command == "DATA" {
            writer
                .write_all(b"354 End data with <CR><LF>.<CR><LF>\r\n")
                .await?;
            let mut raw = String::new();
            while let Some(data) = lines.next_line().await? {
                if data == "." {
                    break;
                }
                // Undo dot-stuffing.
                raw.push_str(
                    data.strip_prefix('.')
                        .filter(|_| data.starts_with(".."))
                        .unwrap_or(&data),
                );
                raw.push('\n');
            }
            inbox.0.lock().unwrap().push(Received {
                to: std::mem::take(&mut to),
                raw,
            });
            b"250 OK: queued\r\n"
        } else if command.starts_with("QUIT") {
            writer.write_all(b"221 Bye\r\n").await?;
            return Ok(());
        } else {
            b"502 Command not implemented\r\n"
        };
        writer.write_all(reply).await?;
    }
    Ok(())
}
