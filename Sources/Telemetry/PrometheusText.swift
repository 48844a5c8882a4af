import CafeModel

/// `/metrics`: the same snapshot as `/stats`, in the Prometheus text exposition format, so any scraper or
/// a plain `curl` can watch a café.
public enum PrometheusText {
    public static func render(_ stats: ServerStats) -> String {
        var out = ""
        func metric(_ name: String, _ type: String, _ help: String, _ samples: [(labels: String, value: Double)]) {
            out += "# HELP barista_\(name) \(help)\n# TYPE barista_\(name) \(type)\n"
            for sample in samples {
                let labels = sample.labels.isEmpty ? "" : "{\(sample.labels)}"
                out += "barista_\(name)\(labels) \(number(sample.value))\n"
            }
        }
        let counters = stats.counters
        metric(
            "requests_accepted_total", "counter", "Connections taken from the accept queue.",
            [("", Double(counters.accepted))])
        metric(
            "responses_total", "counter", "Responses written, by status class.",
            [
                ("code=\"2xx\"", Double(counters.status2xx)), ("code=\"3xx\"", Double(counters.status3xx)),
                ("code=\"4xx\"", Double(counters.status4xx)), ("code=\"5xx\"", Double(counters.status5xx)),
            ])
        metric(
            "rejected_total", "counter", "503s sent because of the concurrency limit.",
            [("", Double(counters.rejected))])
        metric(
            "worker_timeouts_total", "counter", "Workers killed and replaced after the timeout.",
            [("", Double(counters.timedOutWorkers))])
        metric(
            "served_after_walk_out_total", "counter", "Cups brewed for customers who had already left.",
            [("", Double(counters.servedAfterWalkOut))])
        metric(
            "requests_in_progress", "gauge", "Requests accepted and not yet answered.",
            [("", Double(stats.inProgressCount))])
        if let queue = stats.acceptQueue {
            metric(
                "accept_queue_length", "gauge", "Connections waiting in the kernel's accept queue.",
                [("", Double(queue.length))])
            metric(
                "accept_queue_max", "gauge", "Capacity of the accept queue (effective backlog).",
                [("", Double(queue.maximum))])
        }
        if !stats.workers.isEmpty {
            metric(
                "workers", "gauge", "Sync workers by state.",
                ThreadState.allCases.map { state in
                    ("state=\"\(state.rawValue)\"", Double(stats.workers.filter { $0.state == state }.count))
                })
        }
        if !stats.loops.isEmpty {
            metric(
                "loop_lag_ms", "gauge", "How late each event loop's 10 ms probe timer fired.",
                stats.loops.map { ("loop=\"\($0.id)\"", $0.lagMs) })
            metric(
                "awaiting", "gauge", "Customers holding a buzzer (awaited timers).",
                [("", Double(stats.loops.reduce(0) { $0 + $1.awaiting }))])
            metric(
                "loop_customers", "gauge", "Connections each event loop took in and has not closed.",
                stats.loops.map { ("loop=\"\($0.id)\"", Double($0.customers ?? 0)) })
        }
        if let offload = stats.offload {
            metric("offload_busy", "gauge", "Back-room helper threads busy.", [("", Double(offload.busy))])
            metric("offload_waiting", "gauge", "Customers waiting for a helper.", [("", Double(offload.waiting))])
        }
        metric("process_cpu_seconds_total", "counter", "CPU time used by the café process.", [("", stats.cpuSeconds)])
        return out
    }

    private static func number(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
    }
}
