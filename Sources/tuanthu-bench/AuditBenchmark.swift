import Dispatch
import Foundation

/// Audits synthetic workspaces of N systems (2 certificates each) with the release `tuanthu`
/// binary in a child process, and prints wall time, peak memory, systems/s and certificates/s.
struct AuditBenchmark {
    let sizes: [Int]
    let repository: URL

    func run() throws {
        let binary = repository.appendingPathComponent(".build/release/tuanthu")
        guard FileManager.default.isExecutableFile(atPath: binary.path) else {
            throw BenchmarkError("build it first: swift build -c release --product tuanthu")
        }
        var previous: (Int, Double)?
        print("machine: \(ProcessInfo.processInfo.activeProcessorCount) cores; report formats json,markdown; --as-of 2026-12-01")
        for size in sizes {
            let workspace = try workload(size)
            let out = FileManager.default.temporaryDirectory.appendingPathComponent("tuanthu-bench-out-\(size)")
            try? FileManager.default.removeItem(at: out)
            let (seconds, peak, status) = try spawn(binary.path, ["audit", workspace.path, "--as-of", "2026-12-01",
                                                                  "--quiet", "--format", "json,markdown", "--out", out.path])
            guard status == 0 || status == 1 else { throw BenchmarkError("tuanthu exited with \(status)") }
            var line = String(format: "%6d systems, %6d certificates: %.2f s, peak %.0f MB, %.0f systems/s, %.0f certificates/s",
                              size, size * 2, seconds, Double(peak) / 1024, Double(size) / seconds, Double(size * 2) / seconds)
            if let (previousSize, previousSeconds) = previous {
                line += String(format: "; growth ×%.1f for ×%d systems", seconds / previousSeconds, size / previousSize)
            }
            print(line)
            previous = (size, seconds)
        }
        print("targets: 10,000 systems in ≤ 5 s, growth 1k → 10k ≤ 11×, peak ≤ 400 MB")
    }

    private func workload(_ size: Int) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tuanthu-workload-\(size)")
        if FileManager.default.fileExists(atPath: folder.appendingPathComponent("Inventories").path) { return folder }
        print("generating a workload of \(size) systems in \(folder.path) …")
        let (_, _, status) = try spawn("/usr/bin/env", ["python3", repository.appendingPathComponent("scripts/make-workload.py").path,
                                                        String(size), folder.path])
        guard status == 0 else { throw BenchmarkError("the workload generator failed") }
        return folder
    }

    /// Runs a child and returns its wall time, peak resident memory (KiB) and exit status.
    private func spawn(_ path: String, _ arguments: [String]) throws -> (Double, Int, Int32) {
        var pid: pid_t = 0
        let argv = ([path] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        let start = DispatchTime.now()
        guard posix_spawn(&pid, path, nil, nil, argv, environ) == 0 else { throw BenchmarkError("cannot start \(path)") }
        var status: Int32 = 0
        var usage = rusage()
        guard wait4(pid, &status, 0, &usage) == pid else { throw BenchmarkError("wait4 failed") }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
        let exit = (status & 0x7F) == 0 ? (status >> 8) & 0xFF : -1
        return (seconds, Int(usage.ru_maxrss), exit)
    }
}
