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
            let line = String(format: "trace: %-28@ %8.1f ms wall %8.1f ms CPU\n", name as NSString, milliseconds, cpu)
            FileHandle.standardError.write(Data(line.utf8))
        }
        return try body()
    }

    /// User and system CPU time of the whole process so far, in seconds.
    static func processorTime() -> Double {
        var usage = rusage()
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
        func seconds(_ time: timeval) -> Double { Double(time.tv_sec) + Double(time.tv_usec) / 1e6 }
        return seconds(usage.ru_utime) + seconds(usage.ru_stime)
    }
}
