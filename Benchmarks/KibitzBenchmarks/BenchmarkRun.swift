import Streams

/// What one timed run of a pipeline measured.
struct BenchmarkRun {
    /// Events read from the source topics.
    let events: Int
    /// Wall-clock seconds from the start until the last checkpoint after the last event.
    let seconds: Double
    /// CPU seconds of the whole process over the same span.
    let cpuSeconds: Double
    let counters: PipelineCounters

    var eventsPerSecond: Double { Double(events) / seconds }
}
