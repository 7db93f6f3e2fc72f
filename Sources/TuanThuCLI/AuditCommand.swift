import ArgumentParser
import Foundation
import TuanThuEngine
import TuanThuReport

struct AuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Evaluate all inventories against the rules in force, write reports and print a summary.")

    @Argument(help: "The workspace holding Rules/ and Inventories/.")
    var workspace: String = "."

    @OptionGroup var options: WorkspaceOptions

    @Option(name: .long, help: "Output folder (default: WORKSPACE/Reports).")
    var out: String?

    @Option(name: .long, help: "Report formats, comma separated: \(ReportFormat.allCases.map(\.rawValue).joined(separator: ",")).")
    var format: String = "markdown,json"

    @Option(name: .customLong("fail-on"), help: "Lowest severity that fails the run: critical, high, medium, low or none.")
    var failOn: FailOn = .high

    @Flag(name: .long, help: "Print nothing but errors.")
    var quiet = false

    func validate() throws {
        _ = try formats()
    }

    func formats() throws -> [ReportFormat] {
        var result: [ReportFormat] = []
        for name in format.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) where !name.isEmpty {
            guard let value = ReportFormat(rawValue: name) else {
                let known = ReportFormat.allCases.map(\.rawValue).joined(separator: ", ")
                throw ValidationError("unknown report format '\(name)' (available: \(known))")
            }
            if !result.contains(value) { result.append(value) }
        }
        guard !result.isEmpty else { throw ValidationError("--format needs at least one format") }
        return result
    }

    func run() throws {
        let session = try options.load(workspace: workspace)
        let result = try session.audit(asOf: options.auditDate)
        let threshold = failOn.threshold
        var files: [(name: String, contents: String)] = []
        for organization in result.organizations {
            let report = OrganizationReport(result: organization, asOf: result.asOf, catalog: result.catalog,
                                            language: options.lang, threshold: threshold)
            for format in try formats() {
                files.append((format.reporter.fileName(for: report), try format.reporter.render(report)))
            }
        }
        let folder = out.map { URL(fileURLWithPath: $0) } ?? session.workspace.root.appendingPathComponent("Reports")
        try ReportWriter.write(files, to: folder)
        if !quiet {
            let written = files.map { session.workspace.displayPath(folder.appendingPathComponent($0.name)) }
            Console.out(TerminalSummary(result: result, language: options.lang, threshold: threshold,
                                        colour: Console.colour).render(written: written))
        }
        if !result.blocking(at: threshold).isEmpty { throw ExitCode(1) }
    }
}
