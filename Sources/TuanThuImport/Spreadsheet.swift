import TuanThuEngine

/// One worksheet as read: its rows of cells, each knowing where it is.
public struct Sheet: Sendable {
    public let file: String
    /// The worksheet's name; nil for a CSV file.
    public let name: String?
    public var rows: [[Cell]]

    public func location(row: Int, column: Int) -> CellLocation {
        CellLocation(file: file, sheet: name, row: row, column: column)
    }
}

public struct Cell: Sendable, Equatable {
    public enum Value: Sendable, Equatable {
        case text(String)
        case number(Double)
        /// A number the workbook formats as a date.
        case date(Day)
        case bool(Bool)
    }

    public let row: Int
    public let column: Int
    public let value: Value

    /// What the officer sees, as text.
    public var text: String {
        switch value {
        case .text(let text): return text.trimmingCharacters(in: .whitespacesAndNewlines)
        case .number(let number):
            return number == number.rounded() && abs(number) < 1e15 ? String(Int64(number)) : String(number)
        case .date(let day): return day.description
        case .bool(let value): return value ? "true" : "false"
        }
    }
}

/// The limits a spreadsheet is read within: a hostile file ends in an error, not a hang.
enum SheetLimits {
    static let fileSize = 50 * 1024 * 1024
    /// Bytes of one part of an .xlsx, uncompressed (a zip bomb stops here).
    static let partSize = 64 * 1024 * 1024
    static let rows = 100_000
    static let columns = 200
    static let cellLength = 10_000
}
