//! Onward's server: the JSON API and the portal on one poem server. `main.rs` parses the
//! command line and calls into here; integration tests build the same `Application`.
use std::{net::SocketAddr, sync::Arc, time::Duration};

use anyhow::Context;
use api::{
    AppState,
    clock::{SharedClock, SystemClock},
    database,
    http::{
        self,
        middleware::{Frame, SecurityHeaders},
    },
    mail::{self, Mailer},
    service::{access_log::AccessLogWriter, demo, outbox, tokens::TokenKeys},
    settings::Settings,
};
use poem::{EndpointExt, Server, endpoint::BoxEndpoint, listener::TcpAcceptor};
use tokio::sync::Notify;

pub mod cli;

pub struct Application {
    address: SocketAddr,
    acceptor: TcpAcceptor,
    app: BoxEndpoint<'static>,
    state: AppState,
    mailer: Arc<dyn Mailer>,
}

impl Application {
    /// Check the settings, connect and migrate the database, seed demo data if asked, and
    /// bind the listener. Requests are answered once `run_until_stopped` runs.
    pub async fn build(settings: Settings) -> anyhow::Result<Self> {
        Self::build_with_clock(settings, Arc::new(SystemClock)).await
    }

    pub async fn build_with_clock(settings: Settings, clock: SharedClock) -> anyhow::Result<Self> {
        settings.check()?;
        let secret = match &settings.jwt_secret {
            Some(secret) => secret.expose().as_bytes().to_vec(),
            None => {
                tracing::warn!(
                    "ONWARD_JWT_SECRET is not set: using a random secret for this run, so tokens end when it stops"
                );
                TokenKeys::random_secret()
            }
        };
        let db = database::connect_and_migrate(&settings.database_url)
            .await
            .context("could not open the database")?;
        if settings.demo {
            demo::seed(&db, clock.as_ref(), &settings.standards())
                .await
                .map_err(|error| anyhow::anyhow!("could not load the demo data: {error:?}"))?;
        }
        let listener = tokio::net::TcpListener::bind(&settings.bind)
            .await
            .with_context(|| format!("could not listen on {}", settings.bind))?;
        let address = listener.local_addr()?;
        let mailer = mail::from_settings(&settings)?;
        let state = AppState {
            access_log: AccessLogWriter::start(db.clone()),
            db,
            clock,
            tokens: Arc::new(TokenKeys::new(&secret)),
            live_sessions: Arc::default(),
            production: settings.is_production(),
            standards: settings.standards(),
            offer: Arc::default(),
            entitlement_facts: Arc::default(),
            public_url: settings
                .public_url
                .clone()
                .unwrap_or_else(|| format!("http://{address}"))
                .trim_end_matches('/')
                .to_owned(),
            mail_wake: Arc::new(Notify::new()),
        };
        let (routes, docs_script_hashes) = http::routes(state.clone());
        let routes = portal::mount(routes, state.clone());
        let frame = Arc::new(Frame {
            security: SecurityHeaders {
                production: settings.is_production(),
                docs_script_hashes,
            },
            render_page_error: portal::render_error,
        });
        let app = routes
            .around(move |next, req| {
                let frame = frame.clone();
                async move { http::middleware::request_context(next, req, frame).await }
            })
            .boxed();

        let acceptor = TcpAcceptor::from_tokio(listener)?;
        Ok(Self {
            address,
            acceptor,
            app,
            state,
            mailer,
        })
    }

    pub fn port(&self) -> u16 {
        self.address.port()
    }

    pub fn address(&self) -> SocketAddr {
        self.address
    }

    /// The shared state, for tests that arrange data directly.
    pub fn state(&self) -> &AppState {
        &self.state
    }

    /// Send queued email and serve until Ctrl-C or SIGTERM, then finish in-flight requests
    /// (up to 10 seconds). Email still queued is sent by the next start, or another replica.
    pub async fn run_until_stopped(self) -> std::io::Result<()> {
        let state = self.state;
        let worker = outbox::spawn_worker(
            state.db.clone(),
            self.mailer,
            state.clock.clone(),
            state.mail_wake.clone(),
        );
        tracing::info!(address = %self.address, "Onward is listening");
        let served = Server::new_with_acceptor(self.acceptor)
            .run_with_graceful_shutdown(self.app, shutdown_signal(), Some(Duration::from_secs(10)))
            .await;
        worker.abort();
        served
    }
}

async fn shutdown_signal() {
    let interrupt = tokio::signal::ctrl_c();
    #[cfg(unix)]
    {
        let mut terminate =
            match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
                Ok(signal) => signal,
                Err(_) => return std::future::pending().await,
            };
        tokio::select! {
            _ = interrupt => {}
            _ = terminate.recv() => {}
        }
    }
    #[cfg(not(unix))]
    {
        let _ = interrupt.await;
    }
}

/// Structured logs to stderr; `RUST_LOG` picks the level (default `info`).
pub fn init_tracing() {
    use tracing_subscriber::{EnvFilter, fmt};
    let filter = EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn,sea_orm=warn"));
    let json = std::env::var("ONWARD_LOG_FORMAT").is_ok_and(|format| format == "json");
    let builder = fmt().with_env_filter(filter).with_writer(std::io::stderr);
    if json {
        let _ = builder.json().try_init();
    } else {
        let _ = builder.try_init();
    }
}
