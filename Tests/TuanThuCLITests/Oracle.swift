import Foundation

/// Independent checkers the tests call: Python scripts with jsonschema, lxml and junitparser
/// (installed by `.ci/run`), and the public schemas in the steering repository's `shared/`.
enum Oracle {
    struct Run {
        let status: Int32
        let output: String
    }

    static func python(_ script: String, _ arguments: [String]) throws -> Run {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script] + arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return Run(status: process.terminationStatus, output: output)
    }

    /// A file of `shared/`, which sits beside the checkout (locally and in CI).
    static func shared(_ path: String) -> String {
        CLIRunner.repositoryRoot.deletingLastPathComponent().appendingPathComponent("shared/\(path)").path
    }
}
