//! The id of the request being served, so that any error can name it to the person who saw it
//! and to whoever reads the logs. Set once per request by the HTTP layer.
use std::future::Future;

tokio::task_local! {
    static REQUEST_ID: String;
}

/// Run `work` with `id` as the current request id.
pub async fn scope<F: Future>(id: String, work: F) -> F::Output {
    REQUEST_ID.scope(id, work).await
}

/// The current request id, or `unknown` outside a request (a background job, a test).
pub fn current() -> String {
    REQUEST_ID
        .try_with(|id| id.clone())
        .unwrap_or_else(|_| "unknown".into())
}
