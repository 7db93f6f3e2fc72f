import Foundation

/// Runs the built `tuanthu` executable as a user would, capturing its exit code and output.
enum CLIRunner {
    struct Run {
        let status: Int32
        let stdout: String
        let stderr: String
    }

    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static let binary: URL = {
        let beside = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
            .appendingPathComponent("tuanthu")
        if FileManager.default.isExecutableFile(atPath: beside.path) { return beside }
        return repositoryRoot.appendingPathComponent(".build/debug/tuanthu")
    }()

    static func run(_ arguments: [String], in directory: URL = repositoryRoot, environment extra: [String: String] = [:])
        throws -> Run {
        let scratch = Scratch.folder("out")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let outURL = scratch.appendingPathComponent("stdout")
        let errURL = scratch.appendingPathComponent("stderr")
        FileManager.default.createFile(atPath: outURL.path, contents: nil)
        FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.currentDirectoryURL = directory
        var environment = ProcessInfo.processInfo.environment
        environment["NO_COLOR"] = "1"
        environment.removeValue(forKey: "GITHUB_ACTIONS")
        // Each run records its audit in a history of its own, thrown away after it, unless the test
        // gives one: tests do not see each other's runs (nor the repository's `.tuanthu/`).
        environment["TUANTHU_DATABASE"] = scratch.appendingPathComponent("history.sqlite").path
        environment.merge(extra) { _, new in new }
        process.environment = environment
        let outHandle = try FileHandle(forWritingTo: outURL)
        let errHandle = try FileHandle(forWritingTo: errURL)
        process.standardOutput = outHandle
        process.standardError = errHandle
        process.standardInput = FileHandle.nullDevice
        try process.run()
        // A hang on input is a bug: the run is stopped (and the test fails on its exit status) after 5 minutes.
        DispatchQueue.global().asyncAfter(deadline: .now() + 300) { [process] in
            if process.isRunning { process.terminate() }
        }
        process.waitUntilExit()
        try outHandle.close()
        try errHandle.close()
        return Run(status: process.terminationStatus,
                   stdout: try String(contentsOf: outURL, encoding: .utf8),
                   stderr: try String(contentsOf: errURL, encoding: .utf8))
    }

    /// A temporary workspace with the given inventory files and, in `Policies/trust/`, the sample
    /// test root; with `rules`, also a copy of the repository's `Rules/` (for `--rules Rules`).
    static func workspace(inventories: [String: Data], rules: Bool = false) throws -> URL {
        let root = Scratch.folder("ws")
        try FileManager.default.createDirectory(at: root.appendingPathComponent("Inventories"),
                                                withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: root.appendingPathComponent("Policies"),
                                                withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: repositoryRoot.appendingPathComponent("Policies/trust"),
                                         to: root.appendingPathComponent("Policies/trust"))
        if rules {
            try FileManager.default.copyItem(at: repositoryRoot.appendingPathComponent("Rules"),
                                             to: root.appendingPathComponent("Rules"))
        }
        for (name, data) in inventories {
            try data.write(to: root.appendingPathComponent("Inventories/\(name)"))
        }
        return root.resolvingSymlinksInPath()
    }

    /// A workspace of one organisation (`so`, security unit `vp`) whose systems are level-2
    /// internal systems that differ only in the lines given for each (certificates, CRLs…),
    /// written as they stand under the system's entry.
    static func certificateWorkspace(systems: [(id: String, lines: [String])]) throws -> URL {
        let entries = systems.map { system in
            (["  - id: \(system.id)", "    name: \(system.id)", "    owner: so", "    operator: vp", "    type: internal",
              "    information: [private]", "    in-service: 2020-01-01", "    level: { proposed: 2 }"]
             + system.lines.map { "    " + $0 }).joined(separator: "\n")
        }
        let inventory = """
            organization:
              id: so
              name: Sở
              units:
                - { id: vp, name: Văn phòng, security-unit: true }
            systems:

            """ + entries.joined(separator: "\n") + "\n"
        return try workspace(inventories: ["so.yaml": Data(inventory.utf8)])
    }

    /// Copies files of the sample's `Inventories/certs/` into the workspace's.
    static func copySampleCertificates(_ names: [String], into workspace: URL) throws {
        let certs = workspace.appendingPathComponent("Inventories/certs")
        try FileManager.default.createDirectory(at: certs, withIntermediateDirectories: true)
        for name in names {
            try FileManager.default.copyItem(at: repositoryRoot.appendingPathComponent("Inventories/certs/\(name)"),
                                             to: certs.appendingPathComponent(name))
        }
    }

    /// Every file below `folder` with its contents, to compare a folder before and after a run.
    static func snapshot(_ folder: URL) -> [String: Data] {
        var result: [String: Data] = [:]
        guard let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil) else {
            return result
        }
        for case let file as URL in enumerator {
            if let data = try? Data(contentsOf: file) { result[file.lastPathComponent] = data }
        }
        return result
    }
}

/// Reads a JSON report as its consumers do: a finding of schemaVersion 2 names its rule by id and
/// leaves out what `rules` states; `findings` puts it back, so that a test reads each finding whole.
enum ReportJSON {
    static func findings(_ report: [String: Any]) -> [[String: Any]] {
        let rules = report["rules"] as? [String: [String: Any]] ?? [:]
        return (report["findings"] as? [[String: Any]] ?? []).map { finding in
            guard let id = finding["rule"] as? String, let rule = rules[id] else { return finding }
            var whole = finding
            if let citation = finding["citation"] as? String {
                whole["source"] = (rule["sources"] as? [String: Any])?[citation]
            }
            for (key, value) in rule where key != "outcomes" && key != "sources" && whole[key] == nil { whole[key] = value }
            if finding["message"] == nil, let status = finding["status"] as? String,
               let texts = (rule["outcomes"] as? [String: [String: String]])?[status] {
                for (key, value) in texts { whole[key] = value }
            }
            return whole
        }
    }
}
