#if canImport(Darwin)
import Darwin
#else
import Glibc
#endif

/// CPU time, which other load on the shared machine disturbs less than the wall clock.
enum CPUClock {
    /// CPU time used by the process so far, every thread included, in seconds.
    static func processSeconds() -> Double {
        seconds(of: CLOCK_PROCESS_CPUTIME_ID)
    }

    /// CPU time used by the calling thread so far, in seconds.
    static func threadSeconds() -> Double {
        seconds(of: CLOCK_THREAD_CPUTIME_ID)
    }

    private static func seconds(of clock: clockid_t) -> Double {
        var time = timespec()
        clock_gettime(clock, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1_000_000_000
    }
}
