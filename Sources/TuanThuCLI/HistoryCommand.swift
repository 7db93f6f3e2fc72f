import ArgumentParser
import Foundation
import TuanThuEngine
import TuanThuHistory
import TuanThuReport

/// `tuanthu history [WORKSPACE] [--diff A B]`: the recorded runs, or what changed between two.
struct HistoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history",
        abstract: "List the recorded audit runs, or show what changed between two of them.",
        discussion: "Every `audit` is recorded unless given --no-history: in WORKSPACE/.tuanthu/history.sqlite, "
            + "or in the store --database names.")

    @Argument(help: "The workspace whose history is read.")
    var workspace: String = "."

    @OptionGroup var history: HistoryOptions

    @Option(name: .long, help: "Only the runs of this organisation.")
    var organization: String?

    @Option(name: .long, parsing: .upToNextOption, help: "Two run numbers: what changed from the first to the second.")
    var diff: [Int64] = []

    @Option(name: .long, help: "Output: text or json.")
    var format: OutputFormat = .text

    @Option(name: .long, help: "Language of the output: vi or en.")
    var lang: Language = .vi

    func validate() throws {
        if !diff.isEmpty, diff.count != 2 { throw ValidationError("--diff takes two run numbers: --diff A B") }
    }

    func run() throws {
        let root = try Workspace(root: URL(fileURLWithPath: workspace))
        let store = try history.open(workspace: root)
        if diff.count == 2 {
            let change = RunDiff(from: try store.require(diff[0]), to: try store.require(diff[1]))
            let text = RunDiffText(change, language: lang)
            Console.out(format == .json ? try text.json() : text.text())
            return
        }
        let listing = HistoryListing(runs: try store.runs(organization: organization), location: store.location,
                                     language: lang)
        Console.out(format == .json ? try listing.json() : listing.text())
    }
}

/// `--format text|json` of the commands that print rather than write reports.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json
}

/// `tuanthu verify-report REPORT.json [WORKSPACE]`: whether the workspace still holds what the
/// report was made from.
struct VerifyReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify-report",
        abstract: "Check that the workspace still matches a JSON report's manifest of input digests, file by file.",
        discussion: "Exit status 0 when every file is unchanged, 1 when one changed or is missing, 2 when the "
            + "report cannot be read.")

    @Argument(help: "A JSON report written by `tuanthu audit` (schemaVersion 1.3 or later).")
    var report: String

    @Argument(help: "The workspace the report was made from.")
    var workspace: String = "."

    @Option(name: .long, help: "Output: text or json.")
    var format: OutputFormat = .text

    @Option(name: .long, help: "Language of the output: vi or en.")
    var lang: Language = .vi

    func run() throws {
        let root = try Workspace(root: URL(fileURLWithPath: workspace))
        let url = URL(fileURLWithPath: report)
        let check = try ManifestCheck.verify(report: url, displayPath: root.displayPath(url), workspace: root)
        let text = ManifestCheckText(check, report: root.displayPath(url), language: lang)
        Console.out(format == .json ? try text.json() : text.text())
        if !check.matches { throw ExitCode(1) }
    }
}
