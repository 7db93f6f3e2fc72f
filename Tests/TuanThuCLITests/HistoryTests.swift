import Foundation
import Testing

/// The audit history: every audit recorded with its inputs and findings, the last run as the
/// default baseline, trends, `history`, `history --diff` and `verify-report`; each on SQLite and
/// PostgreSQL.
@Suite struct HistoryTests {
    /// A copy of the sample workspace (inventories, policies, waivers).
    static func sampleWorkspace() throws -> URL {
        let root = Scratch.folder("ws")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        for item in ["Inventories", "Policies", "waivers.yaml"] {
            try FileManager.default.copyItem(at: CLIRunner.repositoryRoot.appendingPathComponent(item),
                                             to: root.appendingPathComponent(item))
        }
        return root.resolvingSymlinksInPath()
    }

    static func audit(_ workspace: URL, store: String, asOf: String, _ extra: [String] = []) throws -> CLIRunner.Run {
        try CLIRunner.run(["audit", workspace.path, "--as-of", asOf] + extra, environment: ["TUANTHU_DATABASE": store])
    }

    static func history(_ workspace: URL, store: String, _ extra: [String] = []) throws -> CLIRunner.Run {
        try CLIRunner.run(["history", workspace.path] + extra, environment: ["TUANTHU_DATABASE": store])
    }

    static func json(_ text: String) throws -> Any {
        try JSONSerialization.jsonObject(with: Data(text.utf8))
    }

    /// The SHA-256 of each of `paths` (relative to `folder`), by coreutils' `sha256sum`.
    static func sha256sum(_ paths: [String], in folder: URL) throws -> [String: String] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sha256sum")
        process.arguments = paths
        process.currentDirectoryURL = folder
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        var sums: [String: String] = [:]
        for line in output.split(separator: "\n") {
            let parts = line.split(separator: " ", maxSplits: 1)
            guard parts.count == 2 else { continue }
            sums[String(parts[1].drop { $0 == " " || $0 == "*" })] = String(parts[0])
        }
        return sums
    }

    static func report(_ workspace: URL, _ organization: String) throws -> [String: Any] {
        let data = try Data(contentsOf: workspace.appendingPathComponent("Reports/\(organization).json"))
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    /// Replaces the first `old` of the inventory (in its first system, mot-cua) with `new`.
    static func edit(_ workspace: URL, _ old: String, _ new: String, file: String = "snv-tq.yaml") throws {
        let url = workspace.appendingPathComponent("Inventories/\(file)")
        var text = try String(contentsOf: url, encoding: .utf8)
        let range = try #require(text.range(of: old), "'\(old)' is not in \(file)")
        text.replaceSubrange(range, with: new)
        try Data(text.utf8).write(to: url)
    }

    @Test(arguments: HistoryBackend.allCases)
    func everyAuditIsRecordedWithItsInputsFiguresAndFindings(_ backend: HistoryBackend) throws {
        guard backend.available() else { return }
        let store = try backend.freshStore()
        let workspace = try Self.sampleWorkspace()
        let first = try Self.audit(workspace, store: store, asOf: "2026-11-01")
        #expect(first.status == 1, "\(first.stderr)")
        #expect(first.stdout.contains("Đã ghi vào lịch sử"), "\(first.stdout)")
        _ = try Self.audit(workspace, store: store, asOf: "2026-12-01")
        let listing = try Self.history(workspace, store: store, ["--format", "json"])
        #expect(listing.status == 0, "\(listing.stderr)")
        let runs = try #require(try Self.json(listing.stdout) as? [[String: Any]])
        #expect(runs.count == 4)
        #expect(runs.map { $0["asOf"] as? String } == ["2026-11-01", "2026-11-01", "2026-12-01", "2026-12-01"])
        let report = try Self.report(workspace, "snv-tq")
        let manifest = try #require(report["manifest"] as? [String: Any])
        let last = try #require(runs.last { $0["organization"] as? String == "snv-tq" })
        // The run keeps the manifest the report gives, and the report's figures.
        #expect(last["manifestSha256"] as? String == manifest["sha256"] as? String)
        let summary = try #require(report["summary"] as? [String: Any])
        let figures = try #require(last["figures"] as? [String: Any])
        #expect(figures["openBySeverity"] as? [String: Int] == summary["openBySeverity"] as? [String: Int])
        #expect(figures["systems"] as? Int == 6)
        let files = try #require(manifest["files"] as? [[String: Any]])
        let kinds = Set(files.compactMap { $0["kind"] as? String })
        #expect(kinds.isSuperset(of: ["rules", "policy", "inventory", "waivers", "certificate", "crl", "document", "approval"]),
                "\(kinds)")
        #expect(files.contains { $0["path"] as? String == "Inventories/snv-tq.yaml" })
        #expect(files.contains { ($0["path"] as? String)?.hasPrefix("tuanthu:Rules/") == true })
        // Each workspace file's digest and size are those of the file (`sha256sum`), whether the
        // audit took them from the bytes it read (inventory, certificates) or read the file again.
        let onDisk = files.compactMap { $0["path"] as? String }.filter { !$0.hasPrefix("tuanthu:") }
        let sums = try Self.sha256sum(onDisk, in: workspace)
        for file in files {
            guard let path = file["path"] as? String, !path.hasPrefix("tuanthu:") else { continue }
            #expect(file["sha256"] as? String == sums[path], "\(path)")
            let size = try FileManager.default.attributesOfItem(atPath: workspace.appendingPathComponent(path).path)[.size]
            #expect(file["bytes"] as? Int == (size as? NSNumber)?.intValue, "\(path)")
        }
        let text = try Self.history(workspace, store: store)
        #expect(text.stdout.contains("snv-tq") && text.stdout.contains("2026-12-01"), "\(text.stdout)")
    }

    @Test(arguments: HistoryBackend.allCases)
    func theLastRunIsTheBaselineAndTheDiffShowsWhatChanged(_ backend: HistoryBackend) throws {
        guard backend.available() else { return }
        let store = try backend.freshStore()
        let workspace = try Self.sampleWorkspace()
        _ = try Self.audit(workspace, store: store, asOf: "2026-11-01")
        // On mot-cua: one gap closed, one opened, one no longer declared.
        try Self.edit(workspace, "TCVN11930.1.1.3: planned", "TCVN11930.1.1.3: implemented")
        try Self.edit(workspace, "TCVN11930.1.2.2: implemented", "TCVN11930.1.2.2: not-implemented")
        try Self.edit(workspace, "      TCVN11930.1.3.2: partial\n", "")
        _ = try Self.audit(workspace, store: store, asOf: "2026-12-01")
        let report = try Self.report(workspace, "snv-tq")
        let baseline = try #require(report["baseline"] as? [String: Any])
        #expect((baseline["files"] as? [String])?.contains { $0.hasPrefix("history #") } == true, "\(baseline)")
        let fixed = try #require(baseline["fixed"] as? [[String: Any]])
        #expect(fixed.contains { $0["rule"] as? String == "TCVN11930.1.1.3" && $0["system"] as? String == "mot-cua" })
        let findings = ReportJSON.findings(report)
        let persisting = findings.filter { $0["change"] as? String == "persisting" }
        #expect(!persisting.isEmpty)
        #expect(findings.contains { $0["rule"] as? String == "TCVN11930.1.2.2" && $0["system"] as? String == "mot-cua"
                    && $0["change"] as? String == "new" })
        let runs = try #require(try Self.json(try Self.history(workspace, store: store, ["--format", "json",
                                                                                       "--organization", "snv-tq"]).stdout)
            as? [[String: Any]])
        #expect(runs.count == 2)
        let ids = runs.compactMap { ($0["id"] as? NSNumber)?.stringValue }
        let diff = try Self.history(workspace, store: store, ["--diff", ids[0], ids[1], "--format", "json"])
        #expect(diff.status == 0, "\(diff.stderr)")
        let change = try #require(try Self.json(diff.stdout) as? [String: Any])
        let fixedInDiff = try #require(change["fixed"] as? [[String: Any]])
        #expect(fixedInDiff.contains { $0["rule"] as? String == "TCVN11930.1.1.3" })
        let newInDiff = try #require(change["new"] as? [[String: Any]])
        #expect(newInDiff.contains { $0["rule"] as? String == "TCVN11930.1.2.2" && $0["system"] as? String == "mot-cua" })
        let dropped = try #require(change["dropped"] as? [[String: Any]])
        #expect(dropped.contains { $0["rule"] as? String == "TCVN11930.1.3.2" && $0["now"] as? String == "not-assessed" },
                "\(dropped)")
        let inputs = try #require(change["inputs"] as? [[String: Any]])
        #expect(inputs.contains { $0["path"] as? String == "Inventories/snv-tq.yaml" && $0["change"] as? String == "changed" })
        let text = try Self.history(workspace, store: store, ["--diff", ids[0], ids[1]])
        #expect(text.stdout.contains("Đã khắc phục: "), "\(text.stdout)")
        #expect(text.stdout.contains("Inventories/snv-tq.yaml (đã sửa)"), "\(text.stdout)")
        let unknown = try Self.history(workspace, store: store, ["--diff", ids[0], "999999"])
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("#999999"), "\(unknown.stderr)")
    }

    @Test(arguments: HistoryBackend.allCases)
    func reportsShowTheTrendFromTheSecondRun(_ backend: HistoryBackend) throws {
        guard backend.available() else { return }
        let store = try backend.freshStore()
        let workspace = try Self.sampleWorkspace()
        _ = try Self.audit(workspace, store: store, asOf: "2026-12-01")
        let markdown = workspace.appendingPathComponent("Reports/snv-tq.vi.md")
        #expect(!(try String(contentsOf: markdown, encoding: .utf8)).contains("Diễn biến qua các lần đánh giá"))
        try Self.edit(workspace, "TCVN11930.1.1.3: planned", "TCVN11930.1.1.3: implemented")
        _ = try Self.audit(workspace, store: store, asOf: "2026-12-01")
        let text = try String(contentsOf: markdown, encoding: .utf8)
        #expect(text.contains("## Diễn biến qua các lần đánh giá"))
        #expect(text.contains("```mermaid\nxychart-beta"))
        #expect(text.contains("| lần này | 01/12/2026 | 6 |"), "\(text)")
        let trend = try #require(try Self.report(workspace, "snv-tq")["trend"] as? [[String: Any]])
        #expect(trend.count == 2)
        #expect(trend[0]["run"] != nil && trend[1]["run"] == nil)
        let before = try #require(trend[0]["openBySeverity"] as? [String: Int]).values.reduce(0, +)
        let after = try #require(trend[1]["openBySeverity"] as? [String: Int]).values.reduce(0, +)
        #expect(after == before - 1)
        // An audit dated before the recorded runs neither takes them as baseline nor trends them.
        _ = try Self.audit(workspace, store: store, asOf: "2026-10-01")
        let early = try Self.report(workspace, "snv-tq")
        #expect(early["baseline"] == nil)
        #expect((early["trend"] as? [Any])?.count == 1)
    }

    @Test(arguments: HistoryBackend.allCases)
    func twoAuditsAtOnceLeaveBothRunsWhole(_ backend: HistoryBackend) throws {
        guard backend.available() else { return }
        let store = try backend.freshStore()
        let workspaces = try [Self.sampleWorkspace(), Self.sampleWorkspace()]
        // The store exists (and is migrated) before the race, as a shared one would be.
        _ = try Self.history(workspaces[0], store: store)
        let results = LockedRuns()
        DispatchQueue.concurrentPerform(iterations: 2) { index in
            results.set(index, try? Self.audit(workspaces[index], store: store, asOf: "2026-12-01", ["--quiet"]))
        }
        for run in results.all { #expect(run?.status == 1, "\(run?.stderr ?? "no run")") }
        let runs = try #require(try Self.json(try Self.history(workspaces[0], store: store, ["--format", "json"]).stdout)
            as? [[String: Any]])
        #expect(runs.count == 4)
        let snv = runs.filter { $0["organization"] as? String == "snv-tq" }
        #expect(snv.count == 2)
        let figures = snv.compactMap { $0["figures"] as? [String: Any] }
        #expect(figures.count == 2 && figures.allSatisfy { $0["systems"] as? Int == 6 })
        #expect(figures[0]["openBySeverity"] as? [String: Int] == figures[1]["openBySeverity"] as? [String: Int])
        let ids = snv.compactMap { ($0["id"] as? NSNumber)?.stringValue }
        let diff = try #require(try Self.json(try Self.history(workspaces[0], store: store,
                                                               ["--diff", ids[0], ids[1], "--format", "json"]).stdout)
            as? [String: Any])
        #expect((diff["new"] as? [Any])?.isEmpty == true && (diff["fixed"] as? [Any])?.isEmpty == true)
        #expect((diff["persisting"] as? Int ?? 0) > 0)
    }

    @Test func noHistoryNeitherRecordsNorReads() throws {
        let store = Scratch.folder("history").appendingPathComponent("h.sqlite").path
        let workspace = try Self.sampleWorkspace()
        _ = try Self.audit(workspace, store: store, asOf: "2026-11-01")
        let run = try Self.audit(workspace, store: store, asOf: "2026-12-01", ["--no-history"])
        #expect(!run.stdout.contains("lịch sử"))
        let report = try Self.report(workspace, "snv-tq")
        #expect(report["baseline"] == nil && report["trend"] == nil)
        #expect(report["manifest"] != nil)
        let runs = try #require(try Self.json(try Self.history(workspace, store: store, ["--format", "json"]).stdout)
            as? [Any])
        #expect(runs.count == 2)
        // By default the store is the workspace's own file, which git ignores.
        let own = try CLIRunner.run(["audit", workspace.path, "--as-of", "2026-12-01", "--quiet"],
                                    environment: ["TUANTHU_DATABASE": ""])
        #expect(own.status == 1)
        #expect(FileManager.default.fileExists(atPath: workspace.appendingPathComponent(".tuanthu/history.sqlite").path))
        let both = try CLIRunner.run(["audit", workspace.path, "--no-history", "--database", store])
        #expect(both.status == 2)
    }

    @Test func aPasswordInTheDatabaseURLIsRefusedWithoutBeingShown() throws {
        let workspace = try Self.sampleWorkspace()
        let run = try CLIRunner.run(["audit", workspace.path, "--database", "postgresql://unit:s3cret-pw@localhost/tuanthu"])
        #expect(run.status == 2)
        #expect(run.stderr.contains("PGPASSWORD"), "\(run.stderr)")
        #expect(!run.stderr.contains("s3cret") && !run.stdout.contains("s3cret"))
        #expect(!FileManager.default.fileExists(atPath: workspace.appendingPathComponent("Reports").path))
        let bad = try CLIRunner.run(["history", workspace.path, "--database", "mysql://x@y/z"])
        #expect(bad.status == 2)
    }

    @Test func aStoreMigratedByANewerToolIsRefused() throws {
        let store = Scratch.folder("history").appendingPathComponent("h.sqlite").path
        let workspace = try Self.sampleWorkspace()
        _ = try Self.history(workspace, store: store)
        let script = "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); "
            + "c.execute(\"INSERT INTO tuanthu_migrations VALUES (99, 'future', '2030-01-01T00:00:00Z')\"); c.commit()"
        #expect(try Oracle.python(script, [store]).status == 0)
        let run = try Self.audit(workspace, store: store, asOf: "2026-12-01")
        #expect(run.status == 2)
        #expect(run.stderr.contains("99"), "\(run.stderr)")
        #expect(!FileManager.default.fileExists(atPath: workspace.appendingPathComponent("Reports").path))
    }

    @Test func verifyReportChecksTheWorkspaceFileByFile() throws {
        let workspace = try Self.sampleWorkspace()
        _ = try Self.audit(workspace, store: ":memory:", asOf: "2026-12-01", ["--no-history"])
        let report = workspace.appendingPathComponent("Reports/snv-tq.json").path
        let same = try CLIRunner.run(["verify-report", report, workspace.path])
        #expect(same.status == 0, "\(same.stdout)\(same.stderr)")
        #expect(same.stdout.contains("khớp với báo cáo"), "\(same.stdout)")
        let handle = try FileHandle(forWritingTo: workspace.appendingPathComponent("Inventories/snv-tq.yaml"))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data("# sửa sau khi kiểm tra\n".utf8))
        try handle.close()
        try FileManager.default.removeItem(at: workspace.appendingPathComponent("Inventories/certs/giam-doc.pem"))
        let changed = try CLIRunner.run(["verify-report", report, workspace.path, "--lang", "en", "--format", "json"])
        #expect(changed.status == 1)
        let answer = try #require(try Self.json(changed.stdout) as? [String: Any])
        #expect(answer["matches"] as? Bool == false)
        let files = try #require(answer["files"] as? [[String: Any]])
        let states = Dictionary(uniqueKeysWithValues: files.compactMap { file in
            (file["path"] as? String).map { ($0, file["state"] as? String ?? "") }
        })
        #expect(states["Inventories/snv-tq.yaml"] == "changed")
        #expect(states["Inventories/certs/giam-doc.pem"] == "missing")
        #expect(states["Inventories/syt-tq.yaml"] == nil)
        #expect(files.filter { $0["state"] as? String != "unchanged" }.count == 2)
        // A report without a manifest, or not a report at all, is unusable input.
        let old = Scratch.folder("old").appendingPathExtension("json")
        try Data("{\n  \"schemaVersion\": \"1.2\",\n  \"findings\": []\n}\n".utf8).write(to: old)
        let unusable = try CLIRunner.run(["verify-report", old.path, workspace.path])
        #expect(unusable.status == 2)
        #expect(unusable.stderr.contains("manifest"), "\(unusable.stderr)")
    }
}

/// Results written from two threads.
final class LockedRuns: @unchecked Sendable {
    private var runs: [CLIRunner.Run?] = [nil, nil]
    private let lock = NSLock()

    func set(_ index: Int, _ run: CLIRunner.Run?) { lock.withLock { runs[index] = run } }
    var all: [CLIRunner.Run?] { lock.withLock { runs } }
}

/// Row-level security on the shared store: PostgreSQL only (SQLite has no roles).
@Suite struct SharedStoreTests {
    static func token() -> String { UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(12).lowercased() }

    /// A login role for a unit, member of `tuanthu_unit`, allowed to write `organization`; and a
    /// pgpass file holding its password, as a unit's CI would have.
    static func unit(_ server: PostgresFixture.Server, database: String, organization: String?) throws
        -> (role: String, password: String, pgpass: String) {
        let role = "unit_" + token(), password = token()
        try PostgresFixture.psql(server, database: database,
                                 "CREATE ROLE \(role) LOGIN PASSWORD '\(password)' IN ROLE tuanthu_unit")
        if let organization {
            try PostgresFixture.psql(server, database: database,
                                     "INSERT INTO tuanthu_writers VALUES ('\(role)', '\(organization)')")
        }
        let pgpass = Scratch.folder("pgpass").path
        try Data("\(server.host):\(server.port):\(database):\(role):\(password)\n".utf8)
            .write(to: URL(fileURLWithPath: pgpass))
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: pgpass)
        return (role, password, pgpass)
    }

    @Test func aUnitWritesAndReadsOnlyItsOwnOrganisationsRuns() throws {
        guard HistoryBackend.postgres.available() else { return }
        let owner = try HistoryBackend.postgres.freshStore()
        let server = try PostgresFixture.Server(owner)
        let workspace = try HistoryTests.sampleWorkspace()
        // The database's owner migrates the store once; units then only write rows.
        #expect(try HistoryTests.history(workspace, store: owner).status == 0)
        let unit = try Self.unit(server, database: server.database, organization: "snv-tq")
        let asUnit = ["TUANTHU_DATABASE": server.url(database: server.database, user: unit.role),
                      "PGPASSFILE": unit.pgpass, "PGPASSWORD": ""]
        func count() throws -> String {
            try PostgresFixture.psql(server, database: server.database, "SELECT count(*) FROM runs")
        }
        // The whole workspace holds syt-tq too: refused, nothing recorded, no report written.
        let refused = try CLIRunner.run(["audit", workspace.path, "--as-of", "2026-12-01"], environment: asUnit)
        #expect(refused.status == 2, "\(refused.stdout)\(refused.stderr)")
        #expect(refused.stderr.contains("syt-tq"), "\(refused.stderr)")
        #expect(try count() == "0")
        #expect(!FileManager.default.fileExists(atPath: workspace.appendingPathComponent("Reports/snv-tq.json").path))
        // Its own inventory: recorded.
        let own = try CLIRunner.run(["audit", workspace.path, "--as-of", "2026-12-01", "--quiet",
                                     "--inventory", workspace.appendingPathComponent("Inventories/snv-tq.yaml").path],
                                    environment: asUnit)
        #expect(own.status == 1, "\(own.stderr)")
        #expect(try count() == "1")
        // Written by hand, another organisation's row is refused by the server itself.
        #expect(throws: PostgresFixture.PSQLError.self) {
            try PostgresFixture.psql(server, database: server.database, user: unit.role, password: unit.password, """
                INSERT INTO runs (organization, organization_name, as_of, recorded_at, tool, rules_version, \
                rules_sha256, manifest_sha256, language, systems, approved, open_critical, open_high, open_medium, \
                open_low, open_info, complete) VALUES ('syt-tq', 'x', '2026-12-01', 'x', 'x', 'x', 'x', 'x', 'vi', \
                0, 0, 0, 0, 0, 0, 0, 1)
                """)
        }
        #expect(throws: PostgresFixture.PSQLError.self) {
            try PostgresFixture.psql(server, database: server.database, user: unit.role, password: unit.password,
                                     "INSERT INTO tuanthu_writers VALUES ('\(unit.role)', 'syt-tq')")
        }
        // The owner records syt-tq; the unit sees only its own runs, a reader sees both.
        _ = try HistoryTests.audit(workspace, store: owner, asOf: "2026-12-01")
        let mine = try CLIRunner.run(["history", workspace.path, "--format", "json"], environment: asUnit)
        let seen = try #require(try HistoryTests.json(mine.stdout) as? [[String: Any]])
        #expect(!seen.isEmpty && seen.allSatisfy { $0["organization"] as? String == "snv-tq" }, "\(mine.stdout)")
        let reader = try Self.unit(server, database: server.database, organization: nil)
        try PostgresFixture.psql(server, database: server.database, "GRANT tuanthu_reader TO \(reader.role)")
        let all = try CLIRunner.run(["history", workspace.path, "--format", "json"], environment: [
            "TUANTHU_DATABASE": server.url(database: server.database, user: reader.role), "PGPASSFILE": reader.pgpass,
            "PGPASSWORD": "",
        ])
        let every = try #require(try HistoryTests.json(all.stdout) as? [[String: Any]])
        #expect(Set(every.compactMap { $0["organization"] as? String }) == ["snv-tq", "syt-tq"], "\(all.stderr)")
        // A reader writes nothing.
        let denied = try CLIRunner.run(["audit", workspace.path, "--as-of", "2026-12-01"], environment: [
            "TUANTHU_DATABASE": server.url(database: server.database, user: reader.role), "PGPASSFILE": reader.pgpass,
            "PGPASSWORD": "",
        ])
        #expect(denied.status == 2)
        // Without a password anywhere, the message says where to put one.
        let none = try CLIRunner.run(["history", workspace.path], environment: [
            "TUANTHU_DATABASE": server.url(database: server.database, user: unit.role), "PGPASSFILE": "/nonexistent",
            "PGPASSWORD": "",
        ])
        #expect(none.status == 2)
        #expect(none.stderr.contains("pgpass"), "\(none.stderr)")
    }
}

/// `report --consolidate`: one report over every organisation of the store.
@Suite struct ConsolidatedReportTests {
    @Test(arguments: HistoryBackend.allCases)
    func theRollUpCoversEveryOrganisationOfTheStore(_ backend: HistoryBackend) throws {
        guard backend.available() else { return }
        let store = try backend.freshStore()
        let workspace = try HistoryTests.sampleWorkspace()
        _ = try HistoryTests.audit(workspace, store: store, asOf: "2026-11-01")
        try HistoryTests.edit(workspace, "TCVN11930.1.1.3: planned", "TCVN11930.1.1.3: implemented")
        _ = try HistoryTests.audit(workspace, store: store, asOf: "2026-12-01")
        // A unit audited only last year: named as having no audit in the period.
        let old = try HistoryTests.sampleWorkspace()
        let file = old.appendingPathComponent("Inventories/syt-tq.yaml")
        let text = try String(contentsOf: file, encoding: .utf8)
            .replacingOccurrences(of: "id: syt-tq", with: "id: so-cu").replacingOccurrences(of: "owner: syt-tq", with: "owner: so-cu")
        try Data(text.utf8).write(to: file)
        _ = try CLIRunner.run(["audit", old.path, "--as-of", "2025-11-01", "--inventory", file.path, "--quiet"],
                              environment: ["TUANTHU_DATABASE": store])
        let out = Scratch.folder("consolidated")
        let run = try CLIRunner.run(["report", "--year", "2026", "--consolidate", workspace.path, "--as-of", "2026-12-10",
                                     "--out", out.path], environment: ["TUANTHU_DATABASE": store])
        #expect(run.status == 0, "\(run.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(
            with: Data(contentsOf: out.appendingPathComponent("consolidated-2026.json"))) as? [String: Any])
        let units = try #require(json["units"] as? [[String: Any]])
        #expect(units.compactMap { $0["organization"] as? String } == ["snv-tq", "syt-tq"])
        #expect(units.allSatisfy { $0["asOf"] as? String == "2026-12-01" })
        let snv = units[0]
        #expect(snv["systems"] as? Int == 6)
        #expect((snv["levels"] as? [String: Int])?.values.reduce(0, +) == 6)
        let silent = try #require(json["withoutAudit"] as? [[String: Any]])
        #expect(silent.count == 1 && silent[0]["organization"] as? String == "so-cu" && silent[0]["lastAsOf"] as? String == "2025-11-01")
        let progress = try #require(json["progress"] as? [[String: Any]])
        #expect(progress.compactMap { $0["asOf"] as? String } == ["2026-11-01", "2026-12-01"])
        let open = progress.compactMap { ($0["figures"] as? [String: Any])?["openBySeverity"] as? [String: Int] }
            .map { $0.values.reduce(0, +) }
        #expect(open.count == 2)
        let worst = try #require(json["worstGaps"] as? [[String: Any]])
        #expect(!worst.isEmpty && worst.allSatisfy { ["critical", "high"].contains($0["severity"] as? String ?? "") })
        #expect(worst.first?["severity"] as? String == "critical")
        // The same content as a state-format Word file and its Markdown.
        let markdown = try String(contentsOf: out.appendingPathComponent("consolidated-2026.vi.md"), encoding: .utf8)
        #expect(markdown.contains("Sở Nội vụ tỉnh Tuyên Quang") && markdown.contains("Sở Y tế tỉnh Tuyên Quang"))
        #expect(markdown.contains("## I. CẤP ĐỘ VÀ PHÊ DUYỆT THEO ĐƠN VỊ"))
        #expect(markdown.contains("Chưa có kết quả kiểm tra trong kỳ"))
        let docx = out.appendingPathComponent("consolidated-2026.vi.docx")
        let script = "import docx,sys; d=docx.Document(sys.argv[1]); t=d.tables; "
            + "print(len(t)); print(len(t[1].columns)); print(t[1].rows[1].cells[1].text)"
        let oracle = try Oracle.python(script, [docx.path])
        #expect(oracle.status == 0, "\(oracle.output)")
        let lines = oracle.output.split(separator: "\n").map(String.init)
        #expect(lines.count == 3 && lines[1] == "12" && lines[2] == "Sở Nội vụ tỉnh Tuyên Quang", "\(oracle.output)")
        // Nothing recorded: a usage error, nothing written.
        let empty = try CLIRunner.run(["report", "--year", "2026", "--consolidate", workspace.path, "--out",
                                       Scratch.folder("none").path],
                                      environment: ["TUANTHU_DATABASE": try backend.freshStore()])
        #expect(empty.status == 2, "\(empty.stderr)")
    }
}
