import Foundation
import TuanThuEngine

/// RFC 4180 CSV, as Excel and LibreOffice save it: UTF-8 (with or without a BOM), `,` or `;`
/// between fields (whichever the header line uses more), quoted fields with `""`, CRLF or LF.
enum CSVReader {
    static func read(_ data: Data, file: String) throws -> Sheet {
        guard data.count <= SheetLimits.fileSize else {
            throw EngineError.unreadable(path: file, reason: "file is \(data.count) bytes; the limit is \(SheetLimits.fileSize)")
        }
        var bytes = [UInt8](data)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        guard let text = String(bytes: bytes, encoding: .utf8) else {
            throw EngineError.unreadable(path: file, reason: "not UTF-8 text (save the sheet as \"CSV UTF-8\")")
        }
        let firstLine = text.prefix { $0 != "\n" && $0 != "\r\n" }
        let separator: Character = firstLine.filter { $0 == ";" }.count > firstLine.filter { $0 == "," }.count ? ";" : ","
        var rows: [[Cell]] = []
        var row: [Cell] = []
        var field = ""
        var quoted = false
        var line = 1
        var recordLine = 1
        var fieldQuoted = false
        func endField() throws {
            let column = row.count + 1
            guard column <= SheetLimits.columns else {
                throw EngineError.cell(CellLocation(file: file, sheet: nil, row: recordLine, column: column),
                                       "more than \(SheetLimits.columns) columns")
            }
            guard field.count <= SheetLimits.cellLength else {
                throw EngineError.cell(CellLocation(file: file, sheet: nil, row: recordLine, column: column),
                                       "a field longer than \(SheetLimits.cellLength) characters")
            }
            row.append(Cell(row: recordLine, column: column, value: .text(field)))
            field = ""
            fieldQuoted = false
        }
        func endRecord() throws {
            try endField()
            if !(row.count == 1 && row[0].text.isEmpty) { rows.append(row) }
            guard rows.count <= SheetLimits.rows else {
                throw EngineError.cell(CellLocation(file: file, sheet: nil, row: recordLine, column: 1),
                                       "more than \(SheetLimits.rows) rows")
            }
            row = []
        }
        var iterator = text.makeIterator()
        var pending: Character?
        while let character = pending ?? iterator.next() {
            pending = nil
            if quoted {
                if character == "\"" {
                    if let next = iterator.next() {
                        if next == "\"" { field.append("\"") } else { quoted = false; pending = next }
                    } else {
                        quoted = false
                    }
                } else {
                    if character == "\n" || character == "\r\n" { line += 1 }
                    field.append(character)
                }
                continue
            }
            switch character {
            case "\"" where field.isEmpty && !fieldQuoted:
                quoted = true
                fieldQuoted = true
            case separator:
                try endField()
            case "\n", "\r\n", "\r":
                try endRecord()
                line += 1
                recordLine = line
            default:
                field.append(character)
            }
        }
        if quoted {
            throw EngineError.cell(CellLocation(file: file, sheet: nil, row: recordLine, column: row.count + 1),
                                   "a quoted field is not closed")
        }
        if !field.isEmpty || !row.isEmpty { try endRecord() }
        return Sheet(file: file, name: nil, rows: rows)
    }
}
