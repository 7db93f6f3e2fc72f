import Foundation
import TuanThuEngine
import TuanThuReport

/// Audits the first organisations of a workload in this process, several times, and prints the
/// CPU time of each step per system (the best round): a steadier figure than a whole audit's
/// wall time on a busy machine, to compare one change of a step with the next.
struct StepBenchmark {
    let workspace: URL
    let organisations: Int
    let rounds: Int

    func run() throws {
        let folder = workspace.appendingPathComponent("Inventories")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".yaml") }
            .sorted().prefix(organisations).map { folder.appendingPathComponent($0) }
        guard !files.isEmpty else {
            throw BenchmarkError("no inventory in \(folder.path); run `tuanthu-bench audit` first")
        }
        var best: [String: Double] = [:]
        var order: [String] = []
        var systems = 0
        func keep(_ step: String, _ seconds: Double) {
            if best[step] == nil { order.append(step) }
            best[step] = min(best[step] ?? .infinity, seconds)
        }
        for _ in 0..<rounds {
            var loaded: AuditSession?
            keep("load rules and inventories", try processCPU {
                loaded = try AuditSession.load(workspace: workspace, rules: nil, inventories: files)
            })
            guard let session = loaded, let asOf = Day(iso: "2026-12-01") else { continue }
            systems = session.inventories.reduce(0) { $0 + $1.systems.count }
            var totals: [String: Double] = [:]
            let lock = NSLock()
            let audit = try processCPU {
                _ = try session.auditEach(asOf: asOf) { result in
                    var local: [String: Double] = [:]
                    var made: OrganizationReport?
                    local["report"] = try cpu {
                        made = OrganizationReport(audit: result, language: .vi, threshold: .high)
                    }
                    guard let report = made else { return }
                    for format in [ReportFormat.json, .markdown] {
                        local["render \(format.rawValue)"] = try cpu { _ = try format.reporter.render(report) }
                    }
                    lock.lock()
                    totals.merge(local, uniquingKeysWith: +)
                    lock.unlock()
                }
            }
            keep("audit and render (all steps)", audit)
            for (step, seconds) in totals.sorted(by: { $0.key < $1.key }) { keep("  " + step, seconds) }
        }
        print("\(files.count) organisations, \(systems) systems; CPU per system, best of \(rounds) rounds:")
        for step in order {
            let name = step.padding(toLength: 32, withPad: " ", startingAt: 0)
            print(name + String(format: "%8.1f µs", (best[step] ?? 0) / Double(max(systems, 1)) * 1e6))
        }
    }

    /// CPU time of the whole process (every thread) while `body` runs.
    private func processCPU(_ body: () throws -> Void) throws -> Double {
        var usage = rusage()
        func now() -> Double {
            getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
            func seconds(_ time: timeval) -> Double { Double(time.tv_sec) + Double(time.tv_usec) / 1e6 }
            return seconds(usage.ru_utime) + seconds(usage.ru_stime)
        }
        let start = now()
        try body()
        return now() - start
    }

    /// CPU time of this thread while `body` runs (a step inside one organisation's audit).
    private func cpu(_ body: () throws -> Void) throws -> Double {
        func now() -> Double {
            var time = timespec()
            clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
            return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
        }
        let start = now()
        try body()
        return now() - start
    }
}
