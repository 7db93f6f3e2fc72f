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
        defer {
            let milliseconds = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e6
            FileHandle.standardError.write(Data(String(format: "trace: %-28@ %8.1f ms\n", name as NSString, milliseconds).utf8))
        }
        return try body()
    }
}
