import Foundation

// tuanthu-bench: speed figures, printed (never asserted by a timed test).
//   swift run -c release tuanthu-bench certs [COUNT]     certificates/s beside `openssl verify`
//   swift run -c release tuanthu-bench audit [--first-inventory] [N ...]
//                                     audits of N systems (default 1000 10000); --first-inventory shapes
//                                     them as a department's first inventory (see scripts/make-workload.py)
//   swift run -c release tuanthu-bench steps [ORGS] [ROUNDS]
//                                     CPU per system of each step, in process, on the 10k workload
//   swift run -c release tuanthu-bench speed
//                                     the machine's speed now: the reference work the audit figures are printed beside
let arguments = Array(CommandLine.arguments.dropFirst())
let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()
do {
    switch arguments.first {
    case "certs":
        let count = arguments.count > 1 ? Int(arguments[1]) ?? 2000 : 2000
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tuanthu-bench-certs-\(count)")
        try CertificateBenchmark(count: count, folder: folder, repository: repository).run()
    case "audit":
        let sizes = arguments.dropFirst().compactMap { Int($0) }
        var benchmark = AuditBenchmark(sizes: sizes.isEmpty ? [1000, 10000] : sizes, repository: repository)
        benchmark.firstInventory = arguments.contains("--first-inventory")
        try benchmark.run()
    case "steps":
        // The engine's own step times go to standard error too.
        setenv("TUANTHU_TRACE", "1", 1)
        let numbers = arguments.dropFirst().compactMap { Int($0) }
        let workspace = FileManager.default.temporaryDirectory.appendingPathComponent("tuanthu-workload-10000")
        try StepBenchmark(workspace: workspace, organisations: numbers.first ?? 20,
                          rounds: numbers.count > 1 ? numbers[1] : 5).run()
    case "speed":
        print("machine speed now: " + MachineSpeed.describe((0..<5).map { _ in MachineSpeed.measure() }))
    default:
        print("usage: tuanthu-bench certs [COUNT] | tuanthu-bench audit [--first-inventory] [N ...] | "
              + "tuanthu-bench steps [ORGS] [ROUNDS] | tuanthu-bench speed")
        exit(2)
    }
} catch {
    FileHandle.standardError.write(Data("error: \(error)\n".utf8))
    exit(1)
}
