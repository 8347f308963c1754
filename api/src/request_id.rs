//! The id of the request being served, so that any error can name it to the person who saw it
//! and to whoever reads the logs; and how many database queries the request has made, so that
//! a page that starts querying once per row shows up in the log line. Set once per request by
//! the HTTP layer.
use std::{
    future::Future,
    sync::atomic::{AtomicU32, Ordering},
};

struct RequestContext {
    id: String,
    queries: AtomicU32,
}

tokio::task_local! {
    static REQUEST: RequestContext;
}

/// Run `work` with `id` as the current request id, counting its queries from zero.
pub async fn scope<F: Future>(id: String, work: F) -> F::Output {
    let context = RequestContext {
        id,
        queries: AtomicU32::new(0),
    };
    REQUEST.scope(context, work).await
}

/// The current request id, or `unknown` outside a request (a background job, a test).
pub fn current() -> String {
    REQUEST
        .try_with(|request| request.id.clone())
        .unwrap_or_else(|_| "unknown".into())
}

/// Count one database query against the current request; outside a request, nothing.
pub fn count_query() {
    let _ = REQUEST.try_with(|request| request.queries.fetch_add(1, Ordering::Relaxed));
}

/// How many queries the current request has made so far.
pub fn queries() -> u32 {
    REQUEST
        .try_with(|request| request.queries.load(Ordering::Relaxed))
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn queries_are_counted_per_request_and_not_outside_one() {
        count_query();
        assert_eq!(queries(), 0);
        let counted = scope("a".into(), async {
            count_query();
            count_query();
            queries()
        })
        .await;
        assert_eq!(counted, 2);
        let fresh = scope("b".into(), async { queries() }).await;
        assert_eq!(fresh, 0);
    }
}
