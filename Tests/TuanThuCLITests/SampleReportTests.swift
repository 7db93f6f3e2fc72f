import Foundation
import Testing
import TuanThuEngine

/// The sample workspace's reports in `Reports/` are the biggest golden file. As SPEC.md says, the
/// test suite regenerates them at the fixed audit date, and they must match what is committed byte
/// for byte: the suite writes them into a scratch folder and compares them with the committed ones
/// (git's index, or the files themselves outside a git checkout). It writes into `Reports/` only to
/// put back committed reports that `swift run tuanthu audit` (today's date) overwrote, when this
/// build writes exactly those bytes, and when asked to record (`RECORD_SNAPSHOTS=1`, which always
/// fails so that a recording is never mistaken for a pass).
struct SampleReportTests {
    static let asOf = "2026-12-01"
    static let reports = CLIRunner.repositoryRoot.appendingPathComponent("Reports")
    /// The sample's two organisations: the Departments of Home Affairs and of Health of Tuyên Quang.
    static let names = ["snv-tq", "syt-tq"].flatMap { org in
        ["vi.md", "en.md", "vi.summary.md", "en.summary.md", "vi.chart.svg", "en.chart.svg", "vi.chart.mmd",
         "en.chart.mmd", "json", "sarif", "junit.xml", "plan.csv"].map { "\(org).\($0)" }
    }

    func generate(into out: URL) throws {
        let root = CLIRunner.repositoryRoot.path
        let vi = try CLIRunner.run(["audit", root, "--as-of", Self.asOf, "--out", out.path, "--format",
                                    "markdown,json,sarif,junit,csv", "--quiet"])
        #expect(vi.status == 1, "the sample has blocking gaps: \(vi.stderr)")
        let en = try CLIRunner.run(["audit", root, "--as-of", Self.asOf, "--out", out.path, "--format", "markdown",
                                    "--lang", "en", "--quiet"])
        #expect(en.status == 1, "\(en.stderr)")
    }

    func generate() throws -> URL {
        let out = Scratch.folder("golden")
        try generate(into: out)
        return out
    }

    /// The sample's reports as this build writes them, made once for the tests that read them
    /// (never `Reports/` itself, which the golden test rewrites meanwhile).
    static let fresh: URL = {
        let out = Scratch.folder("fresh")
        let root = CLIRunner.repositoryRoot.path
        _ = try? CLIRunner.run(["audit", root, "--as-of", asOf, "--out", out.path, "--format",
                                "markdown,json,sarif,junit,csv", "--quiet"])
        return out
    }()

    static func git(_ arguments: [String]) -> (status: Int32, output: Data)? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "-C", CLIRunner.repositoryRoot.path] + arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return nil }
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, output)
    }

    /// The committed form of a sample report: git's index in a checkout where it is tracked, else the
    /// file in `Reports/`.
    static func committed(_ name: String) -> Data? {
        if let inside = git(["rev-parse", "--is-inside-work-tree"]), inside.status == 0,
           let shown = git(["show", ":Reports/\(name)"]), shown.status == 0 {
            return shown.output
        }
        return try? Data(contentsOf: reports.appendingPathComponent(name))
    }

    /// The first line where two texts part, for a failure message a reader can act on.
    static func firstDifference(_ expected: Data, _ actual: Data) -> String {
        let old = String(decoding: expected, as: UTF8.self).components(separatedBy: "\n")
        let new = String(decoding: actual, as: UTF8.self).components(separatedBy: "\n")
        guard let index = zip(old, new).enumerated().first(where: { $0.element.0 != $0.element.1 })?.offset else {
            return "line \(min(old.count, new.count) + 1): one has \(abs(old.count - new.count)) more lines"
        }
        return "line \(index + 1):\n- \(old[index].prefix(300))\n+ \(new[index].prefix(300))"
    }

    @Test func sampleReportsMatchTheCommittedOnes() throws {
        let out = Scratch.folder("golden")
        try generate(into: out)
        defer { try? FileManager.default.removeItem(at: out) }
        let produced = try FileManager.default.contentsOfDirectory(atPath: out.path)
            .filter { !$0.hasPrefix(".") }.sorted()
        #expect(produced == Self.names.sorted())
        let record = ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] == "1"
        if record { try FileManager.default.createDirectory(at: Self.reports, withIntermediateDirectories: true) }
        for name in Self.names {
            let fresh = try Data(contentsOf: out.appendingPathComponent(name))
            guard try Self.matchesCommitted(name, fresh, record: record) else { continue }
            // An audit at today's date overwrote it: put the committed bytes back.
            let target = Self.reports.appendingPathComponent(name)
            if (try? Data(contentsOf: target)) != fresh {
                try fresh.write(to: target, options: .atomic)
            }
        }
    }

    /// Whether freshly written bytes are the committed sample file `Reports/NAME`, recording an issue
    /// that says how they differ (the first differing line of a text). Recording writes them and fails.
    static func matchesCommitted(_ name: String, _ fresh: Data, record: Bool) throws -> Bool {
        if record {
            try fresh.write(to: reports.appendingPathComponent(name), options: .atomic)
            Issue.record("recorded Reports/\(name); run the tests again without RECORD_SNAPSHOTS")
            return false
        }
        guard let golden = committed(name) else {
            Issue.record("Reports/\(name) is not committed; record it with RECORD_SNAPSHOTS=1")
            return false
        }
        guard fresh == golden else {
            let detail = name.hasSuffix(".docx") ? "" : " at \(firstDifference(golden, fresh))"
            Issue.record("""
                Reports/\(name) differs from the committed sample file\(detail)
                If the change is intended, record with RECORD_SNAPSHOTS=1 swift test and commit Reports/.
                """)
            return false
        }
        return true
    }

    /// The leadership page stands on its own and its chart is an SVG any viewer can draw.
    @Test func leadershipPageIsShortAndItsChartIsAnSVG() throws {
        let out = Scratch.folder("summary")
        try generate(into: out)
        defer { try? FileManager.default.removeItem(at: out) }
        for org in ["snv-tq", "syt-tq"] {
            let page = try String(contentsOf: out.appendingPathComponent("\(org).vi.summary.md"), encoding: .utf8)
            #expect(page.utf8.count < 8_000, "one or two printed pages")
            #expect(page.contains("![Tỷ lệ yêu cầu đạt (%)](\(org).vi.chart.svg)"))
            #expect(!page.contains("```mermaid"), "no raw Mermaid on the page one reads")
            let report = try String(contentsOf: out.appendingPathComponent("\(org).vi.md"), encoding: .utf8)
            #expect(!report.contains("```mermaid"))
            let svg = out.appendingPathComponent("\(org).vi.chart.svg").path
            let parsed = try Oracle.python("""
                import sys
                from lxml import etree
                root = etree.parse(sys.argv[1]).getroot()
                assert root.tag == '{http://www.w3.org/2000/svg}svg', root.tag
                bars = [t for t in root.iter('{http://www.w3.org/2000/svg}text') if t.text and '%' in t.text and '/' in t.text]
                print(len(bars))
                """, [svg])
            #expect(parsed.status == 0, "\(parsed.output)")
            let mermaid = try String(contentsOf: out.appendingPathComponent("\(org).vi.chart.mmd"), encoding: .utf8)
            let groups = mermaid.split(separator: "\n").first { $0.contains("bar [") }?.split(separator: ",").count ?? 0
            #expect(parsed.output.trimmingCharacters(in: .whitespacesAndNewlines) == String(groups),
                    "a bar in the SVG for each bar of the Mermaid source")
        }
    }

    /// Vietnamese outputs carry no English words and no maintainers' pointers outside code spans
    /// (`…`, which name inventory keys and requirement ids the reader types).
    @Test func vietnameseOutputsHaveNoEnglishLeaks() throws {
        let out = Scratch.folder("leaks")
        defer { try? FileManager.default.removeItem(at: out) }
        let root = CLIRunner.repositoryRoot.path
        let run = try CLIRunner.run(["audit", root, "--as-of", Self.asOf, "--out", out.path])
        let markers = [" the ", " and ", " of ", "Decree ", "Art. ", "DOMAIN.md", "SOURCES.md", "small", "medium",
                       "large", "PASS", "FAIL", "expired", "not-waivable", "unused", "(nd85)", "(nd331)",
                       "security-unit", "system-owner", "see Rules"]
        var texts = ["terminal": run.stdout]
        for org in ["snv-tq", "syt-tq"] {
            for name in ["\(org).vi.md", "\(org).vi.summary.md"] {
                texts[name] = try String(contentsOf: out.appendingPathComponent(name), encoding: .utf8)
            }
        }
        for (name, text) in texts {
            let prose = text.replacingOccurrences(of: "`[^`\n]*`", with: "", options: .regularExpression)
            for marker in markers where prose.contains(marker) {
                let line = prose.split(separator: "\n").first { $0.contains(marker) } ?? ""
                Issue.record("\(name): '\(marker)' in: \(line.prefix(200))")
            }
        }
    }

    @Test func outputIsDeterministic() throws {
        let first = try generate()
        let second = try generate()
        defer {
            try? FileManager.default.removeItem(at: first)
            try? FileManager.default.removeItem(at: second)
        }
        #expect(CLIRunner.snapshot(first) == CLIRunner.snapshot(second))
    }

    @Test func jsonReportValidatesAgainstTheShippedSchema() throws {
        let schema = CLIRunner.repositoryRoot.appendingPathComponent("Schemas/report.schema.json").path
        let report = Self.fresh.appendingPathComponent("snv-tq.json").path
        let run = try Oracle.python("""
            import json, sys, jsonschema
            schema = json.load(open(sys.argv[1]))
            jsonschema.Draft7Validator.check_schema(schema)
            jsonschema.validate(json.load(open(sys.argv[2])), schema)
            """, [schema, report])
        #expect(run.status == 0, "\(run.output)")
    }

    @Test func sarifValidatesAgainstTheOfficialSchema() throws {
        let run = try Oracle.python("""
            import json, sys, jsonschema
            schema = json.load(open(sys.argv[1]))
            log = json.load(open(sys.argv[2]))
            jsonschema.Draft4Validator(schema).validate(log)
            results = log["runs"][0]["results"]
            rules = log["runs"][0]["tool"]["driver"]["rules"]
            assert all(rules[r["ruleIndex"]]["id"] == r["ruleId"] for r in results)
            assert any(r.get("suppressions") for r in results), "waived findings carry a suppression"
            assert all(r["locations"][0]["physicalLocation"]["region"]["startLine"] >= 1 for r in results)
            """, [Oracle.shared("conformance/schemas/sarif/sarif-schema-2.1.0.json"),
                  Self.fresh.appendingPathComponent("snv-tq.sarif").path])
        #expect(run.status == 0, "\(run.output)")
    }

    @Test func junitValidatesAgainstTheAntSchemaAndParses() throws {
        let run = try Oracle.python("""
            import sys
            from lxml import etree
            import junitparser
            schema = etree.XMLSchema(etree.parse(sys.argv[1]))
            document = etree.parse(sys.argv[2])
            assert schema.validate(document), schema.error_log
            xml = junitparser.JUnitXml.fromfile(sys.argv[2])
            suites = {suite.name: suite for suite in xml}
            assert len(suites) == 7, suites.keys()
            assert suites["snv-tq"].tests >= 1, "the organisation's duties are a suite of their own"
            assert suites["thu-dien-tu"].failures >= 2
            cases = [case for case in suites["mot-cua"]]
            assert any(case.result and isinstance(case.result[0], junitparser.Skipped) for case in cases)
            assert any(case.result and isinstance(case.result[0], junitparser.Failure) for case in cases)
            """, [Oracle.shared("conformance/schemas/junit/JUnit.xsd"),
                  Self.fresh.appendingPathComponent("snv-tq.junit.xml").path])
        #expect(run.status == 0, "\(run.output)")
    }

    @Test func csvPlanOpensInASpreadsheet() throws {
        let data = try Data(contentsOf: Self.fresh.appendingPathComponent("snv-tq.plan.csv"))
        #expect(data.starts(with: [0xEF, 0xBB, 0xBF]), "UTF-8 byte-order mark for Excel")
        let run = try Oracle.python("""
            import csv, json, sys
            rows = list(csv.reader(open(sys.argv[1], encoding="utf-8-sig", newline="")))
            plan = json.load(open(sys.argv[2]))["plan"]
            assert len(rows) == len(plan) + 1, (len(rows), len(plan))
            assert rows[0][0] == "Mã" and rows[0][8] == "Thời hạn hoàn thành"
            assert [row[0] for row in rows[1:]] == [item["id"] for item in plan]
            """, [Self.fresh.appendingPathComponent("snv-tq.plan.csv").path,
                  Self.fresh.appendingPathComponent("snv-tq.json").path])
        #expect(run.status == 0, "\(run.output)")
    }

    @Test func jsonReportCarriesEveryContractField() throws {
        let data = try Data(contentsOf: Self.fresh.appendingPathComponent("snv-tq.json"))
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(object["schemaVersion"] as? String == "2.0")
        // The rules applied: the built-in catalog, at its version, with the sample's own policies.
        let rules = try #require((object["tool"] as? [String: Any])?["rules"] as? [String: Any])
        #expect(rules["origin"] as? String == "builtin")
        #expect(rules["version"] as? String == "2026.12.2")
        #expect(rules["sha256"] as? String == RuleSet.builtIn.digest)
        #expect((rules["policies"] as? [String: Any])?["path"] as? String == "Policies")
        let findings = ReportJSON.findings(object)
        #expect(!findings.isEmpty)
        for finding in findings {
            for key in ["rule", "system", "severity", "status", "message", "location", "remediation"] {
                #expect(finding[key] != nil, "finding lacks \(key)")
            }
        }
        let missing = findings.filter { $0["rule"] as? String == "APPROVAL.MISSING" && $0["status"] as? String == "fail" }
        #expect(Set(missing.compactMap { $0["system"] as? String }) == ["nguoi-co-cong", "thu-dien-tu"])
        let health = try #require(try JSONSerialization.jsonObject(
            with: Data(contentsOf: Self.fresh.appendingPathComponent("syt-tq.json"))) as? [String: Any])
        let healthFindings = ReportJSON.findings(health)
        #expect(healthFindings.contains { $0["rule"] as? String == "APPROVAL.MISSING" && $0["system"] as? String == "bao-tro-xa-hoi"
                    && $0["status"] as? String == "fail" })
    }

    @Test func vietnameseReportHasDiacriticsAndEveryGroupHeading() throws {
        let text = try String(contentsOf: Self.fresh.appendingPathComponent("snv-tq.vi.md"), encoding: .utf8)
        #expect(text.contains("Báo cáo đánh giá an toàn hệ thống thông tin theo cấp độ"))
        #expect(text.contains("Quản lý — Chính sách an toàn thông tin"))
        #expect(text.contains("Kỹ thuật — Bảo đảm an toàn dữ liệu"))
        #expect(text.contains("## Nguồn pháp lý"))
        #expect(text.precomposedStringWithCanonicalMapping == text)
    }
}

/// `Rules/CATALOG.md` is generated from the rule files; a test regenerates it and compares.
struct CatalogFileTests {
    @Test func catalogMarkdownMatchesTheRules() throws {
        let rules = CLIRunner.repositoryRoot.appendingPathComponent("Rules")
        // Outside the repository: the catalog alone, without the sample department's Policies/.
        let elsewhere = Scratch.folder("catalog")
        try FileManager.default.createDirectory(at: elsewhere, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: elsewhere) }
        let run = try CLIRunner.run(["rules", "--rules", rules.path, "--format", "markdown"], in: elsewhere)
        #expect(run.status == 0, "\(run.stderr)")
        let file = rules.appendingPathComponent("CATALOG.md")
        if ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] == "1" {
            try Data(run.stdout.utf8).write(to: file)
            Issue.record("recorded Rules/CATALOG.md; run again without RECORD_SNAPSHOTS")
            return
        }
        let committed = try String(contentsOf: file, encoding: .utf8)
        #expect(run.stdout == committed, "Rules/CATALOG.md is stale; re-record with RECORD_SNAPSHOTS=1")
        #expect(committed.contains("## tcvn11930-2017"))
        #expect(committed.contains("## tcvn14423-2026"))
    }
}
