import Foundation
import Testing

/// Every input kept in `Tests/Fixtures/fuzz/TARGET/` (the hostile shapes of issue 20, and what the
/// fuzzer of `scripts/fuzz.sh` found) replayed through its target by `tuanthu-fuzz`: it must end,
/// without a crash, and is refused or read like any other input.
struct FuzzRegressionTests {
    static let folder = CLIRunner.repositoryRoot.appendingPathComponent("Tests/Fixtures/fuzz")

    static let binary: URL = CLIRunner.binary.deletingLastPathComponent().appendingPathComponent("tuanthu-fuzz")

    static let targets = ["inventory", "rules", "waivers", "baseline", "certificate", "crl", "cms", "pdf", "keys"]

    @Test(arguments: targets)
    func keptInputsReplayWithoutACrash(_ target: String) throws {
        let inputs = try FileManager.default.contentsOfDirectory(atPath: Self.folder.appendingPathComponent(target).path)
            .sorted().map { Self.folder.appendingPathComponent(target).appendingPathComponent($0).path }
        #expect(!inputs.isEmpty, "every target keeps at least one input")
        let process = Process()
        process.executableURL = Self.binary
        process.arguments = [target] + inputs
        process.currentDirectoryURL = CLIRunner.repositoryRoot
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        // A hang is a bug: stopped (and the test failed) after two minutes.
        DispatchQueue.global().asyncAfter(deadline: .now() + 120) { [process] in
            if process.isRunning { process.terminate() }
        }
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationReason == .exit, "\(target): \(text)")
        // Exit 1 only says an input took a second or more, which a debug build may: the fuzzer's
        // bound (-timeout=1) holds for the release build it runs.
        #expect(process.terminationStatus == 0 || process.terminationStatus == 1, "\(target): \(text)")
        #expect(text.split(separator: "\n").count == inputs.count, "\(target): every input replayed: \(text)")
    }
}
