import ArgumentParser
import Foundation
import TuanThuEngine
import TuanThuHistory

/// `--database`: where audits are recorded and read back.
struct HistoryOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "History store: an SQLite file, or postgresql://USER@HOST[:PORT]/DATABASE for a shared store "
            + "(default: TUANTHU_DATABASE, else WORKSPACE/.tuanthu/history.sqlite).",
        discussion: "The password is never given here: it is read from PGPASSWORD or a pgpass file."))
    var database: String?

    func location(workspace: Workspace) throws -> HistoryLocation {
        try HistoryLocation.resolve(database, workspace: workspace.root)
    }

    func open(workspace: Workspace) throws -> HistoryStore {
        try HistoryStores.open(try location(workspace: workspace))
    }
}
