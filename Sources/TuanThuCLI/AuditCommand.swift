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

    @Option(name: .long, help: "Waivers file (YAML) of accepted risks (default: WORKSPACE/waivers.yaml if present).")
    var waivers: String?

    @Option(name: .long, help: "A previous JSON report to compare with; repeatable (one per organization).")
    var baseline: [String] = []

    @Flag(name: .customLong("fail-on-new"), help: "With --baseline: fail only on blocking findings that are new.")
    var failOnNew = false

    @Flag(name: .customLong("fail-on-undeclared"),
          help: "Also fail when a requirement's status is not declared in the inventory (not assessed).")
    var failOnUndeclared = false

    @Flag(name: .long, help: "Print nothing but errors.")
    var quiet = false

    func validate() throws {
        _ = try formats()
        if failOnNew, baseline.isEmpty {
            throw ValidationError("--fail-on-new needs --baseline PREVIOUS.json")
        }
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
        ProcessLifetime.keep(session)
        let defaultWaivers = session.workspace.root.appendingPathComponent("waivers.yaml")
        let waiverFile = waivers.map { URL(fileURLWithPath: $0) }
            ?? (FileManager.default.fileExists(atPath: defaultWaivers.path) ? defaultWaivers : nil)
        let waiverList = try waiverFile.map { try session.loadWaivers($0) } ?? []
        let previous = try session.loadBaseline(baseline.map { URL(fileURLWithPath: $0) })
        let threshold = failOn.threshold
        let formats = try formats()
        let folder = out.map { URL(fileURLWithPath: $0) } ?? session.workspace.root.appendingPathComponent("Reports")
        let transaction = try ReportTransaction(folder: folder)
        let annotate = ProcessInfo.processInfo.environment["GITHUB_ACTIONS"] == "true"
        var digest: AuditDigest?
        var names: [String] = []
        var annotations: [GitHubAnnotations.Annotation] = []
        do {
            // One organisation at a time; its reports are rendered on every core and written at once.
            let parts = try session.auditEach(asOf: options.auditDate, waivers: waiverList, baseline: previous) { result in
                var report = Trace.step("report") {
                    OrganizationReport(audit: result, language: options.lang, threshold: threshold)
                }
                report.repositoryPrefix = session.workspace.repositoryPrefix
                let written = try Parallel.map(formats) { format -> [String] in
                    let name = format.reporter.fileName(for: report)
                    let bytes = try Trace.step("render \(format.rawValue)") { try format.reporter.render(report) }
                    try Trace.step("write") { try transaction.write(name, bytes) }
                    let companions = try format.reporter.companions(report)
                    for companion in companions { try transaction.write(companion.name, companion.bytes) }
                    return [name] + companions.map(\.name)
                }.flatMap { $0 }
                let notes = annotate ? GitHubAnnotations(result: result, language: options.lang, threshold: threshold,
                                                         repositoryPrefix: session.workspace.repositoryPrefix)
                    .annotations() : []
                let part = Trace.step("digest") { AuditDigest(result, threshold: threshold, onlyNew: failOnNew) }
                return (part, written, notes)
            }
            for (part, written, notes) in parts {
                if digest == nil { digest = part } else { digest?.merge(part) }
                names += written
                // Numbered on in run order, so that ties keep the inventory's order across organisations.
                let offset = annotations.count
                annotations += notes.map { GitHubAnnotations.Annotation(renumbered: $0, by: offset) }
            }
            digest?.addRemoved(session.removedGapsOutsideReports(previous).count)
            try transaction.commit()
        } catch {
            transaction.rollback()
            throw error
        }
        guard let digest else { return }
        if annotate {
            Console.out(GitHubAnnotations.render(annotations, language: options.lang, threshold: threshold,
                                                 notAssessed: digest.notAssessed, failOnUndeclared: failOnUndeclared))
        }
        if !quiet {
            let written = names.map { session.workspace.displayPath(folder.appendingPathComponent($0)) }
            Console.out(TerminalSummary(digest: digest, language: options.lang, threshold: threshold,
                                        colour: Console.colour, onlyNew: failOnNew,
                                        failOnUndeclared: failOnUndeclared).render(written: written))
        }
        if digest.blockingCount > 0 || (failOnUndeclared && digest.notAssessed > 0) { throw ExitCode(1) }
    }
}
