import Foundation
import TuanThuEngine
import ZIPFoundation

/// Writes an `OfficialDocument` as a Word file (.docx, Office Open XML): A4, Times New Roman, the
/// margins, sizes and positions of Decree 30/2020/NĐ-CP Appendix I (see docs/documents.md for each
/// value and its point of the decree). No converter: the package is a zip of a few XML parts.
public struct DocxWriter {
    /// The day stamped on the zip entries and the document properties (the audit date), so that the
    /// same inputs give the same bytes.
    let stamp: Day
    let language: Language

    public init(stamp: Day, language: Language) {
        self.stamp = stamp
        self.language = language
    }

    // A4 portrait and its margins, in twips (1 mm = 56.7 twips).
    static let pageWidth = 11906
    static let pageHeight = 16838
    static let marginTop = 1134      // 20 mm
    static let marginBottom = 1134   // 20 mm
    static let marginLeft = 1701     // 30 mm
    static let marginRight = 851     // 15 mm
    static let textWidth = pageWidth - marginLeft - marginRight
    /// The heading's two columns: issuing body, number, excerpt on the left; motto, place and date on the right.
    static let headingColumns = [3572, textWidth - 3572]
    /// Body text: 14 pt, first line indented 1.27 cm, 6 pt between paragraphs.
    static let bodySize = 14
    static let firstLineIndent = 720

    public func write(_ document: OfficialDocument) throws -> ReportBytes {
        let archive: Archive
        do { archive = try Archive(accessMode: .create) } catch {
            throw EngineError.usage("cannot create a Word file in memory: \(error)")
        }
        let parts: [(String, String)] = [
            ("[Content_Types].xml", Self.contentTypes),
            ("_rels/.rels", Self.packageRelations),
            ("docProps/core.xml", coreProperties(document)),
            ("docProps/app.xml", Self.appProperties),
            ("word/_rels/document.xml.rels", Self.documentRelations),
            ("word/document.xml", body(document)),
            ("word/styles.xml", Self.styles(language)),
            ("word/settings.xml", Self.settings(language)),
            ("word/header1.xml", Self.header(numbered: true)),
            ("word/header2.xml", Self.header(numbered: false)),
        ]
        let modified = stamp.zipDate
        for (path, text) in parts {
            let data = Data(text.utf8)
            do {
                try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count),
                                     modificationDate: modified, compressionMethod: .deflate) { position, size in
                    data.subdata(in: Int(position)..<Int(position) + size)
                }
            } catch {
                throw EngineError.usage("cannot write part \(path) of a Word file: \(error)")
            }
        }
        guard let data = archive.data else { throw EngineError.usage("cannot write a Word file in memory") }
        return ReportBytes(Array(data))
    }

    // MARK: - The document part

    func body(_ document: OfficialDocument) -> String {
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
        xml += "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" "
        xml += "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><w:body>"
        xml += heading(document)
        xml += title(document)
        xml += document.body.map(block).joined()
        xml += closing(document)
        for appendix in document.appendices {
            var first = true
            for line in appendix.title {
                var style = WordML.ParagraphStyle(alignment: .center, after: 0, keepNext: true)
                style.pageBreakBefore = first
                first = false
                xml += WordML.paragraph(WordML.runs(line, .init(size: 14, bold: true)), style)
            }
            xml += WordML.paragraph("", .init(alignment: .center, after: 120, topRule: false))
            xml += appendix.body.map(block).joined()
        }
        xml += "<w:sectPr><w:headerReference w:type=\"default\" r:id=\"rIdHeader1\"/>"
        xml += "<w:headerReference w:type=\"first\" r:id=\"rIdHeader2\"/>"
        xml += "<w:pgSz w:w=\"\(Self.pageWidth)\" w:h=\"\(Self.pageHeight)\"/>"
        xml += "<w:pgMar w:top=\"\(Self.marginTop)\" w:right=\"\(Self.marginRight)\" w:bottom=\"\(Self.marginBottom)\" "
        xml += "w:left=\"\(Self.marginLeft)\" w:header=\"567\" w:footer=\"567\" w:gutter=\"0\"/>"
        xml += "<w:titlePg/></w:sectPr></w:body></w:document>"
        return xml
    }

    /// A rule under a line of text, centred, as long as `fraction` of the text's estimated width.
    private func rule(under text: String, size: Int, bold: Bool, fraction: Double, column: Int, before: Int = 0) -> String {
        // Times New Roman averages about half an em a character (upper case about two thirds).
        let capitals = text.filter(\.isUppercase).count
        let em = Double(size * 20)
        let estimate = (Double(text.count - capitals) * 0.47 + Double(capitals) * 0.68) * em * (bold ? 1.04 : 1)
        let length = min(Double(column - 200), estimate * fraction)
        let inset = max(0, Int((Double(column) - length) / 2) - 85)
        return WordML.paragraph("", .init(alignment: .center, left: inset, right: inset, before: before, after: 0,
                                          topRule: true))
    }

    private func heading(_ document: OfficialDocument) -> String {
        let left = Self.headingColumns[0], right = Self.headingColumns[1]
        let centered = WordML.ParagraphStyle(alignment: .center, after: 0)
        var issuer = ""
        if let parent = document.parentBody {
            issuer += WordML.paragraph(WordML.runs(parent.uppercased, .init(size: 12)), centered)
        }
        issuer += WordML.paragraph(WordML.runs(document.issuer.uppercased, .init(size: 12, bold: true)), centered)
        issuer += rule(under: document.issuer.plain.uppercased(), size: 12, bold: true, fraction: 0.4, column: left)
        var motto = WordML.paragraph(WordML.run("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", .init(size: 12, bold: true)), centered)
        let words = "Độc lập - Tự do - Hạnh phúc"
        motto += WordML.paragraph(WordML.run(words, .init(size: 13, bold: true)), centered)
        motto += rule(under: words, size: 13, bold: true, fraction: 1, column: right)
        // The number and the place and date stand on one line (Appendix I), hence a second row.
        var number = document.number.map {
            WordML.paragraph(WordML.runs("Số: " + $0, .init(size: 13)), .init(alignment: .center, before: 60, after: 0))
        } ?? ""
        if let excerpt = document.letterExcerpt {
            number += WordML.paragraph(WordML.runs(excerpt, .init(size: 12)), .init(alignment: .center, before: 120, after: 0))
        }
        let date = WordML.paragraph(WordML.runs(document.placeAndDate, .init(size: 13, italic: true)),
                                    .init(alignment: .center, before: 60, after: 0))
        let rows = [WordML.row([WordML.cell(width: left, issuer), WordML.cell(width: right, motto)]),
                    WordML.row([WordML.cell(width: left, number), WordML.cell(width: right, date)])]
        return WordML.table(widths: Self.headingColumns, borders: false, rows: rows)
    }

    private func title(_ document: OfficialDocument) -> String {
        var xml = ""
        var first = true
        if let kind = document.kind {
            xml += WordML.paragraph(WordML.run(kind, .init(size: 14, bold: true, uppercase: true)),
                                    .init(alignment: .center, before: 360, after: 0, keepNext: true))
            first = false
        }
        for line in document.excerpt {
            xml += WordML.paragraph(WordML.runs(line, .init(size: 14, bold: true)),
                                    .init(alignment: .center, before: first ? 360 : 0, after: 0, keepNext: true))
            first = false
        }
        if let last = document.excerpt.last, document.kind != nil {
            xml += rule(under: last.plain, size: 14, bold: true, fraction: 0.4, column: Self.textWidth, before: 120)
        }
        for line in document.authority {
            xml += WordML.paragraph(WordML.runs(line, .init(size: 14, bold: true)),
                                    .init(alignment: .center, before: 120, after: 0, keepNext: true))
        }
        if !document.addressees.isEmpty {
            if document.addressees.count == 1 {
                xml += WordML.paragraph(WordML.runs("Kính gửi: " + document.addressees[0], .init(size: 14)),
                                        .init(alignment: .center, before: 240, after: 120))
            } else {
                xml += WordML.paragraph(WordML.run("Kính gửi:", .init(size: 14)),
                                        .init(alignment: .left, left: 2268, before: 240, after: 0))
                for addressee in document.addressees {
                    xml += WordML.paragraph(WordML.runs("- " + addressee + ";", .init(size: 14)),
                                            .init(alignment: .left, left: 3402, after: 0))
                }
            }
        }
        if xml.isEmpty || document.addressees.isEmpty {
            xml += WordML.paragraph("", .init(after: 120))
        }
        return xml
    }

    func block(_ block: Block) -> String {
        let size = Self.bodySize
        switch block {
        case .heading(let level, let text):
            let style = WordML.RunStyle(size: size, bold: true, italic: level >= 3)
            return WordML.paragraph(WordML.runs(text, style),
                                    .init(firstLine: Self.firstLineIndent, before: 120, after: 120, keepNext: true))
        case .paragraph(let text):
            return WordML.paragraph(WordML.runs(text, .init(size: size)),
                                    .init(firstLine: Self.firstLineIndent, after: 120))
        case .item(let text):
            return WordML.paragraph(WordML.runs(text, .init(size: size)),
                                    .init(firstLine: Self.firstLineIndent, after: 60))
        case .centered(let text):
            return WordML.paragraph(WordML.runs(text, .init(size: size, bold: true)),
                                    .init(alignment: .center, before: 120, after: 120, keepNext: true))
        case .note(let text):
            return WordML.paragraph(WordML.runs(text, .init(size: 12, italic: true)),
                                    .init(alignment: .both, after: 60))
        case .table(let table):
            return self.table(table)
        }
    }

    private func table(_ table: DocumentTable) -> String {
        let weights = table.columns.map(\.weight)
        let total = max(1, weights.reduce(0, +))
        var widths = weights.map { Self.textWidth * $0 / total }
        widths[widths.count - 1] += Self.textWidth - widths.reduce(0, +)
        let cellParagraph = WordML.ParagraphStyle(alignment: .left, after: 0)
        func cell(_ index: Int, _ text: Text, _ style: WordML.RunStyle, center: Bool) -> String {
            var paragraph = cellParagraph
            paragraph.alignment = center ? .center : .left
            // A line break in a cell's text starts a paragraph of its own.
            let lines = text.splitLines()
            let content = lines.map { WordML.paragraph(WordML.runs($0, style), paragraph) }.joined()
            return WordML.cell(width: widths[index], content, centered: center)
        }
        let size = table.fontSize
        var rows = [WordML.row(table.columns.enumerated().map { index, column in
            cell(index, Text(column.header), .init(size: size, bold: true), center: true)
        }, header: true)]
        if table.numbered {
            rows.append(WordML.row(table.columns.indices.map { index in
                cell(index, Text("(\(index + 1))"), .init(size: size, italic: true), center: true)
            }, header: true))
        }
        for values in table.rows {
            rows.append(WordML.row(table.columns.enumerated().map { index, column in
                cell(index, index < values.count ? values[index] : "", .init(size: size), center: column.centered)
            }))
        }
        return WordML.table(widths: widths, borders: true, rows: rows) + WordML.paragraph("", .init(after: 60))
    }

    /// "Nơi nhận:" on the left, the signature block on the right.
    private func closing(_ document: OfficialDocument) -> String {
        let widths = [Self.textWidth * 45 / 100, Self.textWidth - Self.textWidth * 45 / 100]
        var left = document.recipients.isEmpty ? WordML.paragraph("", .init(after: 0))
            : WordML.paragraph(WordML.run("Nơi nhận:", .init(size: 12, bold: true, italic: true)),
                               .init(alignment: .left, before: 120, after: 0))
        for recipient in document.recipients {
            left += WordML.paragraph(WordML.runs("- " + recipient, .init(size: 11)), .init(alignment: .left, after: 0))
        }
        var right = ""
        for (index, line) in document.signature.authority.enumerated() {
            right += WordML.paragraph(WordML.run(line, .init(size: 14, bold: true, uppercase: true)),
                                      .init(alignment: .center, before: index == 0 ? 120 : 0, after: 0))
        }
        if let instruction = document.signature.instruction {
            right += WordML.paragraph(WordML.run(instruction, .init(size: 14, italic: true)),
                                      .init(alignment: .center, after: 0))
        }
        // Room for the signature and the seal.
        right += WordML.paragraph("", .init(alignment: .center, after: 1440))
        right += WordML.paragraph(WordML.runs(document.signature.name, .init(size: 14, bold: true)),
                                  .init(alignment: .center, after: 0))
        let row = WordML.row([WordML.cell(width: widths[0], left), WordML.cell(width: widths[1], right)])
        return WordML.table(widths: widths, borders: false, rows: [row])
    }
}

extension Language {
    /// The BCP 47 tag Word files carry.
    var tag: String { self == .vi ? "vi-VN" : "en-GB" }
}

extension Text {
    /// The text split at its line breaks, each line keeping its parts' kinds.
    func splitLines() -> [Text] {
        var lines: [Text] = [Text([])]
        for part in parts {
            switch part {
            case .plain(let s) where s.contains("\n"):
                let pieces = s.split(separator: "\n", omittingEmptySubsequences: false)
                for (index, piece) in pieces.enumerated() {
                    if index > 0 { lines.append(Text([])) }
                    if !piece.isEmpty { lines[lines.count - 1].parts.append(.plain(String(piece))) }
                }
            default:
                lines[lines.count - 1].parts.append(part)
            }
        }
        return lines
    }
}

extension Day {
    /// Noon (UTC) of this day: ZIPFoundation writes an entry's date and time fields from the UTC
    /// calendar, so the bytes are the same in every time zone.
    var zipDate: Date {
        Date(timeIntervalSince1970: TimeInterval(ordinal * 86_400 + 12 * 3_600))
    }
}
