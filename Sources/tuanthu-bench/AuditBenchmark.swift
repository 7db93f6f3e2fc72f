import Dispatch
import Foundation

/// Audits synthetic workspaces of N systems (2 certificates each) with the release `tuanthu`
/// binary in a child process, and prints wall time, peak memory, systems/s and certificates/s.
struct AuditBenchmark {
    let sizes: [Int]
    let repository: URL
    /// `scripts/make-workload.py --first-inventory`: 500 systems per organisation, levels 1–4,
    /// 40 controls declared per system, leaf-only certificate files (see the script).
    var firstInventory = false
    /// Each size is audited this many times, the sizes in turn, so that a busy moment of the
    /// machine does not decide a figure; the best and the median round are shown.
    let rounds = 3

    struct Run {
        var seconds: Double
        var cpu: Double
        var peakKiB: Int
    }

    func run() throws {
        let binary = repository.appendingPathComponent(".build/release/tuanthu")
        guard FileManager.default.isExecutableFile(atPath: binary.path) else {
            throw BenchmarkError("build it first: swift build -c release --product tuanthu")
        }
        let cores = ProcessInfo.processInfo.activeProcessorCount
        print("machine: \(cores) cores; report formats json,markdown; --as-of 2026-12-01; --no-history; \(rounds) rounds"
              + (firstInventory ? "; first-inventory shape" : ""))
        let workspaces = try sizes.map(workload)
        var runs: [[Run]] = Array(repeating: [], count: sizes.count)
        var jsonBytes: [Int] = Array(repeating: 0, count: sizes.count)
        // The machine's speed, before each round and after the last (see `MachineSpeed`).
        var speed: [Double] = []
        let ticks = MachineSpeed.cpuTicks()
        for _ in 0..<rounds {
            speed.append(MachineSpeed.measure())
            for (index, size) in sizes.enumerated() {
                let out = FileManager.default.temporaryDirectory.appendingPathComponent("tuanthu-bench-out-\(size)")
                try? FileManager.default.removeItem(at: out)
                let (run, status) = try spawn(binary.path, ["audit", workspaces[index].path, "--as-of", "2026-12-01",
                                                            "--quiet", "--format", "json,markdown", "--out", out.path,
                                                            "--no-history"])
                guard status == 0 || status == 1 else { throw BenchmarkError("tuanthu exited with \(status)") }
                runs[index].append(run)
                jsonBytes[index] = Self.bytes(in: out, suffix: ".json")
            }
        }
        speed.append(MachineSpeed.measure())
        print("machine speed during the rounds: " + MachineSpeed.describe(speed)
              + "; CPU time taken by the host (steal): " + MachineSpeed.stolen(from: ticks, to: MachineSpeed.cpuTicks())
              + " (the same work takes longer when the host is busier: compare figures beside these)")
        var previous: (Int, Double)?
        for (index, size) in sizes.enumerated() {
            let sorted = runs[index].sorted { $0.seconds < $1.seconds }
            let best = sorted[0]
            let median = sorted[sorted.count / 2]
            let peak = runs[index].map(\.peakKiB).max() ?? 0
            var line = String(format: "%6d systems, %6d certificates: best %.2f s (median %.2f s, CPU %.1f s), ",
                              size, size * 2, best.seconds, median.seconds, best.cpu)
            line += String(format: "peak %.0f MB, %.0f systems/s, %.0f certificates/s", Double(peak) / 1024,
                           Double(size) / best.seconds, Double(size * 2) / best.seconds)
            line += String(format: "; JSON %.1f KB per system", Double(jsonBytes[index]) / 1024 / Double(size))
            if let (previousSize, previousSeconds) = previous {
                line += String(format: "; growth ×%.1f for ×%d systems", best.seconds / previousSeconds,
                               size / previousSize)
            }
            print(line)
            previous = (size, best.seconds)
        }
        print("targets: 10,000 systems in ≤ 5 s, growth 1k → 10k ≤ 11×, peak ≤ 400 MB"
              + (firstInventory ? ", JSON ≤ 30 KB per system" : ""))
    }

    /// The bytes of the files ending in `suffix` in `folder`.
    private static func bytes(in folder: URL, suffix: String) -> Int {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasSuffix(suffix) }.reduce(0) { total, name in
            let size = (try? FileManager.default.attributesOfItem(atPath: folder.appendingPathComponent(name).path))?[.size]
            return total + ((size as? NSNumber)?.intValue ?? 0)
        }
    }

    private func workload(_ size: Int) throws -> URL {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("tuanthu-workload-\(size)" + (firstInventory ? "-first-inventory" : ""))
        // A workload the script made earlier is reused; one of its former layout (the test root in
        // a copy of Rules/, which the audit does not read) is made again.
        let root = folder.appendingPathComponent("Policies/trust/workload-root.pem").path
        if FileManager.default.fileExists(atPath: folder.appendingPathComponent("Inventories").path),
           FileManager.default.fileExists(atPath: root) { return folder }
        print("generating a workload of \(size) systems in \(folder.path) …")
        let script = repository.appendingPathComponent("scripts/make-workload.py").path
        let (_, status) = try spawn("/usr/bin/env", ["python3", script, String(size), folder.path]
                                    + (firstInventory ? ["--first-inventory"] : []))
        guard status == 0 else { throw BenchmarkError("the workload generator failed") }
        return folder
    }

    /// Runs a child and returns its wall time, CPU time, peak resident memory and exit status.
    private func spawn(_ path: String, _ arguments: [String]) throws -> (Run, Int32) {
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
        func time(_ value: timeval) -> Double { Double(value.tv_sec) + Double(value.tv_usec) / 1e6 }
        let run = Run(seconds: seconds, cpu: time(usage.ru_utime) + time(usage.ru_stime), peakKiB: Int(usage.ru_maxrss))
        return (run, exit)
    }
}
