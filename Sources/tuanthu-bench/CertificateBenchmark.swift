import Dispatch
import Foundation
import TuanThuPKI

/// Checks N leaf certificates with the library (parse once, shared store of anchors and
/// intermediates, validation spread over every core) and with `openssl verify` in one process.
struct CertificateBenchmark {
    let count: Int
    let rounds = 7
    let folder: URL
    let repository: URL

    func run() throws {
        try generate()
        let leaves = (0..<count).map { folder.appendingPathComponent(String(format: "leaf-%05d.pem", $0)) }
        // Alternate the two, several rounds, so that a busy moment of the machine hits both alike;
        // report the best round of each and the median of the per-round ratios.
        var opensslTimes: [Double] = []
        var libraryTimes: [Double] = []
        var commandTimes: [String: [Double]] = ["text": [], "json": []]
        var valid = 0
        let binary = repository.appendingPathComponent(".build/release/tuanthu")
        let command = FileManager.default.isExecutableFile(atPath: binary.path)
        for _ in 0..<rounds {
            opensslTimes.append(try timeOpenSSL(leaves))
            let (seconds, count) = try timeLibrary(leaves)
            libraryTimes.append(seconds)
            valid = count
            if command {
                for format in ["text", "json"] { commandTimes[format]!.append(try timeCommand(binary, leaves, format)) }
            }
        }
        let opensslSeconds = opensslTimes.min() ?? 0
        let seconds = libraryTimes.min() ?? 0
        let ratios = zip(opensslTimes, libraryTimes).map { $0 / $1 }.sorted()
        let cores = ProcessInfo.processInfo.activeProcessorCount
        print("certificates: \(count) leaves, \(cores) cores, best of \(rounds) alternating rounds")
        print(String(format: "openssl verify (one process): %.3f s, %.0f certificates/s", opensslSeconds,
                     Double(count) / opensslSeconds))
        print(String(format: "tuanthu (all 8 checks):        %.3f s, %.0f certificates/s, %d valid", seconds,
                     Double(count) / seconds, valid))
        print(String(format: "speed-up: %.2f× openssl verify, best rounds; median round %.2f× (range %.2f–%.2f); target ≥ 3×",
                     opensslSeconds / seconds, ratios[ratios.count / 2], ratios.first ?? 0, ratios.last ?? 0))
        if command {
            // The command a user runs against OpenSSL's: each round's ratio to that round's `openssl verify`.
            for format in ["text", "json"] {
                let times = commandTimes[format]!
                let ratios = zip(opensslTimes, times).map { $0 / $1 }.sorted()
                print(String(format: "tuanthu certs --format %@: best %.3f s (%.0f certificates/s); %.2f× openssl verify "
                             + "in the median round (range %.2f–%.2f); target ≥ 3×", format, times.min() ?? 0,
                             Double(count) / (times.min() ?? 1), ratios[ratios.count / 2], ratios.first ?? 0,
                             ratios.last ?? 0))
            }
        } else {
            print("tuanthu certs: build it first (swift build -c release --product tuanthu) to time the command")
        }
        try phases(leaves)
    }

    /// `tuanthu certs` on every leaf, as a user runs it, output to /dev/null.
    private func timeCommand(_ binary: URL, _ leaves: [URL], _ format: String) throws -> Double {
        try timed(binary, ["certs", "--trust", folder.appendingPathComponent("root.pem").path,
                           "--untrusted", folder.appendingPathComponent("inter.pem").path, "--as-of", "2026-12-01",
                           "--format", format] + leaves.map(\.path), what: "tuanthu certs")
    }

    /// Runs a command with its output thrown away; the seconds it took, or an error when it fails.
    private func timed(_ executable: URL, _ arguments: [String], what: String) throws -> Double {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        let start = DispatchTime.now()
        try process.run()
        process.waitUntilExit()
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
        guard process.terminationStatus == 0 else { throw BenchmarkError("\(what) exited with \(process.terminationStatus)") }
        return seconds
    }

    /// Where one thread's time goes: reading and parsing, path validation, all checks.
    private func phases(_ leaves: [URL]) throws {
        func seconds(_ body: () throws -> Void) rethrows -> Double {
            let start = DispatchTime.now()
            try body()
            return Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
        }
        let root = try Certificate.load(contentsOf: folder.appendingPathComponent("root.pem"), path: "root.pem")
        let inter = try Certificate.load(contentsOf: folder.appendingPathComponent("inter.pem"), path: "inter.pem")
        let trust = TrustMaterial(anchors: root, intermediates: inter)
        var parsed: [Certificate] = []
        let parse = try seconds { parsed = try leaves.flatMap { try Certificate.load(contentsOf: $0, path: $0.path) } }
        let time = Timestamp(iso: "2026-12-01")!
        let validator = PathValidator(trust: trust)
        let validate = seconds { for certificate in parsed { _ = validator.validate(certificate, at: time, checkRevocation: false) } }
        let checker = CertificateChecker(trust: trust, profile: .documentSigning)
        let check = seconds { for certificate in parsed { _ = checker.check(certificate, at: time) } }
        let per = { (value: Double) in value / Double(leaves.count) * 1e6 }
        print(String(format: "one thread, per certificate: read+parse %.0f µs, path validation %.0f µs, all checks %.0f µs",
                     per(parse), per(validate), per(check)))
    }

    private func generate() throws {
        if FileManager.default.fileExists(atPath: folder.appendingPathComponent(String(format: "leaf-%05d.pem", count - 1)).path) {
            return
        }
        print("generating \(count) certificates in \(folder.path) …")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", repository.appendingPathComponent("scripts/bench-certs.py").path, String(count),
                             folder.path]
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw BenchmarkError("the certificate generator failed") }
    }

    private func timeOpenSSL(_ leaves: [URL]) throws -> Double {
        // At the same fixed instant as the library's checks: the leaves expire in 2029.
        let time = Timestamp(iso: "2026-12-01")!
        return try timed(URL(fileURLWithPath: "/usr/bin/env"),
                         ["openssl", "verify", "-attime", String(time.seconds),
                          "-CAfile", folder.appendingPathComponent("root.pem").path,
                          "-untrusted", folder.appendingPathComponent("inter.pem").path] + leaves.map(\.path),
                         what: "openssl verify")
    }

    private func timeLibrary(_ leaves: [URL]) throws -> (Double, Int) {
        let start = DispatchTime.now()
        let root = try Certificate.load(contentsOf: folder.appendingPathComponent("root.pem"), path: "root.pem")
        let inter = try Certificate.load(contentsOf: folder.appendingPathComponent("inter.pem"), path: "inter.pem")
        let checker = CertificateChecker(trust: TrustMaterial(anchors: root, intermediates: inter),
                                         profile: .documentSigning)
        let time = Timestamp(iso: "2026-12-01")!
        let valid = Counter()
        DispatchQueue.concurrentPerform(iterations: leaves.count) { index in
            guard let certificate = try? Certificate.load(contentsOf: leaves[index], path: leaves[index].path).first else {
                return
            }
            if checker.check(certificate, at: time).isValid { valid.increment() }
        }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
        return (seconds, valid.value)
    }
}

struct BenchmarkError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// A counter shared by the benchmark's worker threads.
final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0

    func increment() {
        lock.lock()
        count += 1
        lock.unlock()
    }

    var value: Int {
        lock.lock()
        defer { lock.unlock() }
        return count
    }
}
