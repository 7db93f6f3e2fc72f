import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import TuanThuEngine
import ZIPFoundation

/// An .xlsx workbook (Office Open XML, as Excel, LibreOffice and openpyxl write it), read with
/// ZIPFoundation and Foundation's XML parser: worksheet names, shared strings, and the cell
/// styles that make a number a date.
enum XLSXReader {
    static func read(_ data: Data, file: String, sheet wanted: String?) throws -> Sheet {
        guard data.count <= SheetLimits.fileSize else {
            throw EngineError.unreadable(path: file, reason: "file is \(data.count) bytes; the limit is \(SheetLimits.fileSize)")
        }
        let archive: Archive
        do {
            archive = try Archive(data: data, accessMode: .read)
        } catch {
            throw EngineError.unreadable(path: file, reason: "not an .xlsx workbook (not a zip archive)")
        }
        let book = Book(archive: archive, file: file)
        let workbook = try book.parse("xl/workbook.xml", WorkbookParser())
        let relations = try book.parse("xl/_rels/workbook.xml.rels", RelationsParser())
        guard !workbook.sheets.isEmpty else { throw EngineError.unreadable(path: file, reason: "the workbook has no worksheet") }
        let chosen: (name: String, relation: String)
        if let wanted {
            guard let found = workbook.sheets.first(where: { $0.name == wanted }) else {
                throw EngineError.usage("\(file) has no worksheet '\(wanted)' (it has: "
                                        + workbook.sheets.map(\.name).joined(separator: ", ") + ")")
            }
            chosen = found
        } else {
            chosen = workbook.sheets[0]
        }
        guard let target = relations[chosen.relation] else {
            throw EngineError.unreadable(path: file, reason: "worksheet '\(chosen.name)' has no part in the workbook")
        }
        let path = target.hasPrefix("/") ? String(target.dropFirst()) : "xl/" + target
        let strings = try book.optionalParse("xl/sharedStrings.xml", SharedStringsParser()) ?? []
        let dateStyles = try book.optionalParse("xl/styles.xml", StylesParser()) ?? []
        let parser = WorksheetParser(file: file, sheet: chosen.name, strings: strings, dateStyles: dateStyles,
                                     date1904: workbook.date1904)
        let rows = try book.parse(path, parser)
        return Sheet(file: file, name: chosen.name, rows: rows)
    }

    /// The parts of one archive, each read within the size limit.
    struct Book {
        let archive: Archive
        let file: String

        func data(_ path: String) throws -> Data? {
            guard let entry = archive[path] else { return nil }
            var data = Data()
            do {
                _ = try archive.extract(entry, skipCRC32: false) { chunk in
                    data.append(chunk)
                    if data.count > SheetLimits.partSize { throw PartTooLarge() }
                }
            } catch is PartTooLarge {
                throw EngineError.unreadable(path: file, reason: "\(path) unpacks to more than \(SheetLimits.partSize) bytes")
            } catch {
                throw EngineError.unreadable(path: file, reason: "\(path) cannot be unpacked (\(error))")
            }
            return data
        }

        func optionalParse<P: PartParser>(_ path: String, _ parser: P) throws -> P.Result? {
            guard let data = try data(path) else { return nil }
            return try run(parser, on: data, path: path)
        }

        func parse<P: PartParser>(_ path: String, _ parser: P) throws -> P.Result {
            guard let data = try data(path) else {
                throw EngineError.unreadable(path: file, reason: "not an .xlsx workbook (no \(path))")
            }
            return try run(parser, on: data, path: path)
        }

        private func run<P: PartParser>(_ parser: P, on data: Data, path: String) throws -> P.Result {
            let xml = XMLParser(data: data)
            xml.shouldResolveExternalEntities = false
            xml.delegate = parser
            let ok = xml.parse()
            if let failure = parser.failure { throw failure }
            guard ok else {
                throw EngineError.unreadable(path: file, reason: "\(path) is not well-formed XML "
                                             + "(line \(xml.lineNumber)): \(xml.parserError.map { "\($0)" } ?? "")")
            }
            return parser.result
        }
    }

    struct PartTooLarge: Error {}
}

/// A SAX delegate that builds one value from a part.
protocol PartParser: XMLParserDelegate {
    associatedtype Result
    var result: Result { get }
    var failure: EngineError? { get }
}

final class WorkbookParser: NSObject, PartParser {
    var result: (sheets: [(name: String, relation: String)], date1904: Bool) { (sheets, date1904) }
    var failure: EngineError? { nil }
    private var sheets: [(name: String, relation: String)] = []
    private var date1904 = false

    func parser(_ parser: XMLParser, didStartElement element: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        switch local(element) {
        case "sheet":
            let relation = attributes.first { local($0.key) == "id" && $0.key != "sheetId" }?.value ?? ""
            sheets.append((attributes["name"] ?? "", relation))
        case "workbookPr":
            date1904 = ["1", "true"].contains(attributes["date1904"] ?? "")
        default: break
        }
    }
}

final class RelationsParser: NSObject, PartParser {
    var result: [String: String] = [:]
    var failure: EngineError? { nil }

    func parser(_ parser: XMLParser, didStartElement element: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        if local(element) == "Relationship", let id = attributes["Id"], let target = attributes["Target"] {
            result[id] = target
        }
    }
}

/// `<si>` items: plain `<t>`, or rich-text runs `<r><t>`; phonetic runs (`<rPh>`) are not text.
final class SharedStringsParser: NSObject, PartParser {
    var result: [String] = []
    var failure: EngineError? { nil }
    private var current: String?
    private var inText = false
    private var inPhonetic = false

    func parser(_ parser: XMLParser, didStartElement element: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        switch local(element) {
        case "si": current = ""
        case "t": inText = !inPhonetic
        case "rPh": inPhonetic = true
        default: break
        }
    }

    func parser(_ parser: XMLParser, didEndElement element: String, namespaceURI: String?, qualifiedName: String?) {
        switch local(element) {
        case "si": result.append(current ?? ""); current = nil
        case "t": inText = false
        case "rPh": inPhonetic = false
        default: break
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if inText, current != nil, (current?.count ?? 0) <= SheetLimits.cellLength { current?.append(string) }
    }
}

/// The indices of cell formats (`cellXfs`) whose number format shows a date.
final class StylesParser: NSObject, PartParser {
    var result: Set<Int> {
        var dates: Set<Int> = []
        for (index, format) in formats.enumerated() where Self.builtInDates.contains(format) || customDates.contains(format) {
            dates.insert(index)
        }
        return dates
    }
    var failure: EngineError? { nil }
    private var formats: [Int] = []
    private var customDates: Set<Int> = []
    private var inCellFormats = false

    /// Built-in number formats that show dates (ECMA-376 §18.8.30).
    static let builtInDates: Set<Int> = [14, 15, 16, 17, 22, 27, 30, 36, 45, 46, 47, 50, 57]

    func parser(_ parser: XMLParser, didStartElement element: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        switch local(element) {
        case "numFmt":
            if let id = attributes["numFmtId"].flatMap(Int.init), let code = attributes["formatCode"],
               Self.isDate(code) { customDates.insert(id) }
        case "cellXfs": inCellFormats = true
        case "xf" where inCellFormats: formats.append(attributes["numFmtId"].flatMap(Int.init) ?? 0)
        default: break
        }
    }

    func parser(_ parser: XMLParser, didEndElement element: String, namespaceURI: String?, qualifiedName: String?) {
        if local(element) == "cellXfs" { inCellFormats = false }
    }

    /// A format code showing days or years (outside quoted text and `[…]` sections).
    static func isDate(_ code: String) -> Bool {
        var quoted = false
        var bracket = false
        for character in code.lowercased() {
            switch character {
            case "\"": quoted.toggle()
            case "[": bracket = true
            case "]": bracket = false
            case "d" where !quoted && !bracket, "y" where !quoted && !bracket: return true
            default: break
            }
        }
        return false
    }
}

final class WorksheetParser: NSObject, PartParser {
    var result: [[Cell]] { rows }
    private(set) var failure: EngineError?
    private let file: String
    private let sheet: String
    private let strings: [String]
    private let dateStyles: Set<Int>
    private let date1904: Bool
    private var rows: [[Cell]] = []
    private var row: [Cell] = []
    private var rowNumber = 0
    private var cell: (row: Int, column: Int, type: String, style: Int)?
    private var text = ""
    private var collecting = false

    init(file: String, sheet: String, strings: [String], dateStyles: Set<Int>, date1904: Bool) {
        self.file = file
        self.sheet = sheet
        self.strings = strings
        self.dateStyles = dateStyles
        self.date1904 = date1904
    }

    private func fail(_ parser: XMLParser, _ row: Int, _ column: Int, _ message: String) {
        guard failure == nil else { return }
        failure = .cell(CellLocation(file: file, sheet: sheet, row: row, column: column), message)
        parser.abortParsing()
    }

    func parser(_ parser: XMLParser, didStartElement element: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        switch local(element) {
        case "row":
            rowNumber = attributes["r"].flatMap(Int.init) ?? rowNumber + 1
            row = []
            guard rowNumber <= SheetLimits.rows else { return fail(parser, rowNumber, 1, "more than \(SheetLimits.rows) rows") }
        case "c":
            let (column, rowFromReference) = Self.reference(attributes["r"]) ?? ((row.last?.column ?? 0) + 1, rowNumber)
            guard column <= SheetLimits.columns else {
                return fail(parser, rowFromReference, column, "more than \(SheetLimits.columns) columns")
            }
            cell = (rowFromReference, column, attributes["t"] ?? "n", attributes["s"].flatMap(Int.init) ?? 0)
            text = ""
        case "v", "t":
            collecting = cell != nil
        default: break
        }
    }

    func parser(_ parser: XMLParser, didEndElement element: String, namespaceURI: String?, qualifiedName: String?) {
        switch local(element) {
        case "v", "t": collecting = false
        case "c":
            guard let current = cell else { return }
            cell = nil
            if let value = value(current, parser) { row.append(Cell(row: current.row, column: current.column, value: value)) }
        case "row":
            if !row.isEmpty { rows.append(row) }
        default: break
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        guard collecting else { return }
        text += string
        if text.count > SheetLimits.cellLength, let cell {
            fail(parser, cell.row, cell.column, "a cell longer than \(SheetLimits.cellLength) characters")
        }
    }

    private func value(_ cell: (row: Int, column: Int, type: String, style: Int), _ parser: XMLParser) -> Cell.Value? {
        switch cell.type {
        case "s":
            guard let index = Int(text), strings.indices.contains(index) else {
                fail(parser, cell.row, cell.column, "refers to shared string \(text), which the workbook lacks")
                return nil
            }
            return strings[index].isEmpty ? nil : .text(strings[index])
        case "inlineStr", "str":
            return text.isEmpty ? nil : .text(text)
        case "b":
            return .bool(text == "1")
        case "e":
            fail(parser, cell.row, cell.column, "the cell holds an error value (\(text)); correct it in the spreadsheet")
            return nil
        case "d":
            return Day(iso: String(text.prefix(10))).map(Cell.Value.date) ?? .text(text)
        default:
            guard !text.isEmpty else { return nil }
            guard let number = Double(text) else { return .text(text) }
            if dateStyles.contains(cell.style), let day = Self.day(serial: number, date1904: date1904) { return .date(day) }
            return .number(number)
        }
    }

    /// `C7` → (3, 7).
    static func reference(_ text: String?) -> (column: Int, row: Int)? {
        guard let text else { return nil }
        var column = 0
        var digits = ""
        for character in text {
            if let ascii = character.asciiValue, (65...90).contains(ascii) {
                guard digits.isEmpty else { return nil }
                column = column * 26 + Int(ascii - 64)
                if column > 16_384 { return nil }
            } else if character.isNumber {
                digits.append(character)
            } else {
                return nil
            }
        }
        guard column > 0, let row = Int(digits) else { return nil }
        return (column, row)
    }

    /// A date serial: days since 1899-12-30 (Excel's 1900 system, past its phantom 29 Feb 1900), or
    /// since 1904-01-01.
    static func day(serial: Double, date1904: Bool) -> Day? {
        guard serial >= 1, serial < 2_958_466 else { return nil }
        let days = Int(serial.rounded(.down))
        if date1904 { return Day(year: 1904, month: 1, day: 1)?.adding(days: days) }
        guard days > 60 else { return Day(year: 1899, month: 12, day: 31)?.adding(days: days) }
        return Day(year: 1899, month: 12, day: 30)?.adding(days: days)
    }
}

/// An element's name without its namespace prefix.
private func local(_ name: String) -> String {
    name.split(separator: ":").last.map(String.init) ?? name
}
