import Dispatch
import Foundation

/// Phase timings on standard error when `TUANTHU_TRACE=1`, to see where an audit's time goes
/// without a profiler (`tuanthu-bench audit` and the closing notes use them).
public enum Trace {
    public static let enabled = ProcessInfo.processInfo.environment["TUANTHU_TRACE"] == "1"

    @discardableResult
    public static func phase<T>(_ name: String, _ body: () throws -> T) rethrows -> T {
        guard enabled else { return try body() }
        let start = DispatchTime.now()
        let startCPU = processorTime()
        defer {
            let milliseconds = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e6
            let cpu = (processorTime() - startCPU) * 1e3
            func padded(_ text: String, _ width: Int) -> String {
                text.padding(toLength: max(width, text.count), withPad: " ", startingAt: 0)
            }
            var usage = rusage()
            getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
            var text = "trace: " + padded(name, 40)
                + String(format: "%8.1f ms wall %8.1f ms CPU, peak %4d MB\n", milliseconds, cpu, usage.ru_maxrss / 1024)
            for (step, seconds) in steps.takeAll() {
                text += "trace:   " + padded(step, 38) + String(format: "%25.1f ms CPU\n", seconds * 1e3)
            }
            FileHandle.standardError.write(Data(text.utf8))
        }
        return try body()
    }

    /// Times a step that runs many times, on any thread, inside a phase: the thread CPU time of
    /// its runs is summed and printed under the phase.
    @discardableResult
    public static func step<T>(_ name: String, _ body: () throws -> T) rethrows -> T {
        guard enabled else { return try body() }
        let start = threadTime()
        defer { steps.add(name, threadTime() - start) }
        return try body()
    }

    private static let steps = StepTotals()

    /// CPU time of the calling thread, in seconds.
    static func threadTime() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }

    /// User and system CPU time of the whole process so far, in seconds.
    static func processorTime() -> Double {
        var usage = rusage()
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
        func seconds(_ time: timeval) -> Double { Double(time.tv_sec) + Double(time.tv_usec) / 1e6 }
        return seconds(usage.ru_utime) + seconds(usage.ru_stime)
    }
}

/// The summed times of `Trace.step`, in the order the steps were first met.
private final class StepTotals: @unchecked Sendable {
    private let lock = NSLock()
    private var totals: [(String, Double)] = []

    func add(_ name: String, _ seconds: Double) {
        lock.lock()
        defer { lock.unlock() }
        if let index = totals.firstIndex(where: { $0.0 == name }) {
            totals[index].1 += seconds
        } else {
            totals.append((name, seconds))
        }
    }

    func takeAll() -> [(String, Double)] {
        lock.lock()
        defer { lock.unlock() }
        defer { totals = [] }
        return totals
    }
}
