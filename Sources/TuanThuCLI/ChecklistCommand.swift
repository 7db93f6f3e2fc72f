import ArgumentParser
import Foundation
import TuanThuEngine
import TuanThuReport

struct ChecklistCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "checklist",
        abstract: "The controls: block for a system's level and regime (or the organisation's duties).",
        discussion: """
            Prints every requirement in scope for the system, with its title as a comment: what the \
            inventory declares is kept, the rest is 'not-implemented' until assessed. With --write, the \
            missing ones are inserted into the system's 'controls:' in its inventory file; nothing \
            already written there changes. Give the organisation's id for its own duties.
            """)

    @Argument(help: "The system id (or the organisation's id).")
    var subject: String

    @Argument(help: "The workspace holding Inventories/.")
    var workspace: String = "."

    @Flag(name: .long, help: "Insert the missing requirements into the inventory file.")
    var write = false

    @OptionGroup var options: WorkspaceOptions

    func run() throws {
        let session = try options.load(workspace: workspace)
        let auditor = Auditor(catalog: session.catalog, asOf: options.auditDate)
        try auditor.validate(session.inventories)
        let lang = options.lang
        for inventory in session.inventories
        where inventory.organization.id == subject || inventory.systems.contains(where: { $0.id == subject }) {
            guard let checklist = try Checklist.build(for: subject, in: inventory, auditor: auditor) else { continue }
            let text = ChecklistText(checklist: checklist, language: lang, asOf: auditor.asOf)
            guard write else {
                Console.out(text.block().joined(separator: "\n"))
                return
            }
            let missing = checklist.missing
            guard !missing.isEmpty else {
                Console.out(lang == .vi ? "\(inventory.file): \(subject) đã khai báo đủ \(checklist.entries.count) yêu cầu."
                                        : "\(inventory.file): \(subject) already declares all \(checklist.entries.count) requirements.")
                return
            }
            let start = checklist.isOrganization ? inventory.organization.location
                : inventory.systems.first { $0.id == subject }!.location
            try insert(text.missingLines(), at: start, into: inventory, workspace: session.workspace)
            Console.out(lang == .vi
                ? "\(inventory.file): đã thêm \(missing.count) yêu cầu chưa khai báo vào \(subject) (trạng thái not-implemented, sửa sau khi đánh giá)."
                : "\(inventory.file): added \(missing.count) undeclared requirements to \(subject) (status not-implemented until assessed).")
            return
        }
        let ids = session.inventories.flatMap { [$0.organization.id] + $0.systems.map(\.id) }.sorted()
        throw EngineError.usage("no system or organisation '\(subject)' in the inventories"
                                + Suggestion.hint(for: subject, in: ids))
    }

    /// Inserts, and replaces the file only if the result loads.
    private func insert(_ lines: [String], at start: SourceLocation, into inventory: Inventory,
                        workspace: Workspace) throws {
        let url = URL(fileURLWithPath: workspace.filePath(inventory.file))
        let original = try YAMLLoader.text(of: url, displayPath: inventory.file)
        var editor = InventoryEditor(text: original, file: inventory.file)
        try editor.insertControls(lines, intoMappingAt: start)
        try InventoryReplacement.write(editor.text, to: url, display: inventory.file, workspace: workspace)
    }
}
