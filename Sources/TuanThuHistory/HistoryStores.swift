/// Opens the store a location names, migrating its schema to this tool's version.
public enum HistoryStores {
    public static func open(_ location: HistoryLocation) throws -> HistoryStore {
        switch location {
        case .sqlite(let path, let display):
            return try SQLiteHistory(path: path, display: display)
        case .postgres(let target):
            return try PostgresHistory(target)
        }
    }
}
