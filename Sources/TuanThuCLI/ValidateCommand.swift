import ArgumentParser
import TuanThuEngine

struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check rule packs (and their examples) and inventories, without auditing.")

    @Argument(help: "The workspace holding Rules/ and Inventories/.")
    var workspace: String = "."

    @OptionGroup var options: WorkspaceOptions

    func run() throws {
        let session = try options.load(workspace: workspace)
        try Auditor(catalog: session.catalog, asOf: options.auditDate).validate(session.inventories)
        let failures = RuleExampleRunner(catalog: session.catalog).run()
        guard failures.isEmpty else {
            throw EngineErrors(failures.map { EngineError.input($0.location, "example of \($0.rule): \($0.message)") })
        }
        let criteria = session.catalog.regimes.flatMap(\.criteria)
        let examples = session.catalog.rules.reduce(0) { $0 + $1.examples.pass.count + $1.examples.fail.count }
            + criteria.reduce(0) { $0 + $1.examples.pass.count + $1.examples.fail.count }
        let systems = session.inventories.reduce(0) { $0 + $1.systems.count }
        let files = session.inventories.count
        Console.out(options.lang == .vi
            ? "Hợp lệ: \(session.catalog.regimes.count) chế độ pháp lý, \(session.catalog.rules.count) quy tắc "
                + "(\(examples) ví dụ cho kết quả đúng), \(systems) hệ thống trong \(files) tệp kiểm kê"
            : "Valid: \(session.catalog.regimes.count) regimes, \(session.catalog.rules.count) rules "
                + "(\(examples) examples behave), \(systems) systems in \(files) inventory file\(files == 1 ? "" : "s")")
    }
}
