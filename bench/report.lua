-- wrk calls done() once at the end of a run: print one machine-readable line for bench/run.
-- Latencies are in microseconds. errors.status counts responses with a status of 400 or more.
done = function(summary, latency, requests)
  local seconds = summary.duration / 1000000
  io.write(string.format("BENCH requests=%d rps=%.1f p50=%d p99=%d max=%d status_errors=%d socket_errors=%d\n",
    summary.requests,
    summary.requests / seconds,
    latency:percentile(50),
    latency:percentile(99),
    latency.max,
    summary.errors.status,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
