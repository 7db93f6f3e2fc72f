import ArgumentParser
import Foundation
import TuanThuEngine
import TuanThuReport

struct RulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules",
        abstract: "List the rule catalog, or show one rule (text, source, basis, levels, remediation).")

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json, markdown
    }

    @Argument(help: "A rule id to show.")
    var id: String?

    @Option(name: .long, help: "Rules folder replacing the built-in rules (for rule authors).")
    var rules: String?

    @Option(name: .long, help: "The organisation's own policies, listed with the rules (default: ./Policies when present).")
    var policies: String?

    @Option(name: .long, help: "text, json, or markdown (the whole catalog, as Rules/CATALOG.md).")
    var format: Format = .text

    @Option(name: .long, help: "Language of the output: vi or en.")
    var lang: Language = .vi

    func run() throws {
        let here = try Workspace(root: URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
        let set = try rules.map { try RuleSet.folder(URL(fileURLWithPath: $0), workspace: here) } ?? RuleSet.builtIn
        let policyFolder = try AuditSession.policyFolder(policies.map { URL(fileURLWithPath: $0) }, in: here)
        let catalog = try CatalogLoader(workspace: here)
            .load(set, policies: try policyFolder.map { try RuleSet.folder($0, workspace: here) })
        let listing = RuleListing(catalog: catalog, language: lang)
        var selected = catalog.rules
        if let id {
            guard let rule = catalog.rule(id: id) else {
                throw EngineError.usage("unknown rule '\(id)'"
                                        + Suggestion.hint(for: id, in: catalog.rules.map(\.id)))
            }
            selected = [rule]
        }
        switch format {
        case .json: Console.out(try listing.json(selected))
        case .text: Console.out(id == nil ? listing.table() : listing.detail(selected[0]))
        case .markdown: FileHandle.standardOutput.write(Data(CatalogMarkdown(catalog: catalog).render().utf8))
        }
    }
}
