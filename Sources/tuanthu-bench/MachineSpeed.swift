import Dispatch
import Foundation

/// How fast the machine runs at the moment: the same fixed work on one thread, timed.
///
/// A virtual machine runs as fast as its host lets it: on the two-core machine of the closing
/// notes the same audit of 10,000 systems, same binary, took 3.1 s and 8.5 s minutes apart, its
/// CPU time 5.8 s and 12.7 s (each instruction slower), and in the slow run the host took 17% of
/// the machine's time besides ("steal" in `/proc/stat`). An audit's figure is comparable with one
/// taken at another moment only beside these. The work is of the kind an audit does most: small
/// objects made and freed, texts built, hashed and compared.
enum MachineSpeed {
    /// Milliseconds the reference work takes once.
    static func measure() -> Double {
        let start = DispatchTime.now()
        blackHole = work()
        return Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e6
    }

    /// Where the work's result goes, so that the compiler cannot drop the work.
    nonisolated(unsafe) private static var blackHole = 0

    private final class Entry {
        let name: String
        let value: Int
        init(name: String, value: Int) {
            self.name = name
            self.value = value
        }
    }

    private static func work() -> Int {
        var table: [String: Entry] = [:]
        for index in 0..<100_000 {
            let entry = Entry(name: "system-\(index)", value: index)
            table[entry.name] = entry
        }
        var total = 0
        for index in stride(from: 0, to: 100_000, by: 3) {
            total &+= table["system-\(index)"]?.value ?? 0
        }
        let names = table.keys.sorted()
        return total &+ names.count &+ (names.first?.utf8.count ?? 0)
    }

    /// The median and range of `samples`, as the benchmark prints them.
    static func describe(_ samples: [Double]) -> String {
        let sorted = samples.sorted()
        guard let low = sorted.first, let high = sorted.last else { return "not measured" }
        return "reference work " + String(format: "%.0f ms (median of %d, range %.0f–%.0f ms)", sorted[sorted.count / 2],
                                          sorted.count, low, high)
    }

    /// The machine's CPU time so far, from `/proc/stat` (Linux; nil elsewhere): all of it, and
    /// what the hypervisor gave to others while this machine wanted to run ("steal"), in ticks.
    static func cpuTicks() -> (total: Int, stolen: Int)? {
        guard let text = try? String(contentsOfFile: "/proc/stat", encoding: .utf8),
              let line = text.split(separator: "\n").first, line.hasPrefix("cpu ") else { return nil }
        let fields = line.split(separator: " ").dropFirst().compactMap { Int($0) }
        guard fields.count >= 8 else { return nil }
        return (fields.prefix(8).reduce(0, +), fields[7])
    }

    /// The share of the machine's time the host took between two readings of `cpuTicks`.
    static func stolen(from start: (total: Int, stolen: Int)?, to end: (total: Int, stolen: Int)?) -> String {
        guard let start, let end, end.total > start.total else { return "not known" }
        return String(format: "%.0f%%", 100 * Double(end.stolen - start.stolen) / Double(end.total - start.total))
    }
}
