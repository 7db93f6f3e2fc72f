import TuanThuEngine

/// The same `OfficialDocument` as GitHub-flavoured Markdown, for review in Git beside the .docx:
/// the heading as a two-column table, blanks in bold brackets, tables as tables.
public struct DocumentMarkdown {
    public init() {}

    public func render(_ document: OfficialDocument) -> String {
        var lines: [String] = []
        var issuer = [String]()
        if let parent = document.parentBody { issuer.append(inline(parent.uppercased)) }
        issuer.append(document.issuer.isBlank ? inline(document.issuer) : "**" + inline(document.issuer.uppercased) + "**")
        var number = document.number.map { ["Số: " + inline($0)] } ?? []
        if let excerpt = document.letterExcerpt { number.append(inline(excerpt)) }
        lines.append("| " + issuer.joined(separator: "<br>") + " | **CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM**<br>"
                     + "**Độc lập - Tự do - Hạnh phúc** |")
        lines.append("|:---:|:---:|")
        lines.append("| " + (number.isEmpty ? " " : number.joined(separator: "<br>")) + " | *" + inline(document.placeAndDate) + "* |")
        lines.append("")
        if let kind = document.kind { lines.append("<p align=\"center\"><b>\(html(kind.uppercased()))</b></p>") }
        for line in document.excerpt { lines.append("<p align=\"center\"><b>\(html(line.plain))</b></p>") }
        for line in document.authority { lines.append("<p align=\"center\"><b>\(html(line.plain))</b></p>") }
        if document.kind != nil || !document.excerpt.isEmpty { lines.append("") }
        if document.addressees.count == 1 {
            lines.append("Kính gửi: " + inline(document.addressees[0]))
            lines.append("")
        } else if !document.addressees.isEmpty {
            lines.append("Kính gửi:")
            lines.append("")
            lines += document.addressees.map { "- " + inline($0) + ";" }
            lines.append("")
        }
        lines += blocks(document.body)
        lines.append("| " + (document.recipients.isEmpty ? "" : "**_Nơi nhận:_**") + " | **" + document.signature.authority.map(escape).joined(separator: "<br>")
                     + "**" + (document.signature.instruction.map { "<br>*\(escape($0))*" } ?? "") + " |")
        lines.append("|:---|:---:|")
        lines.append("| " + document.recipients.map { "- " + inline($0) }.joined(separator: "<br>")
                     + " | <br><br><br>**" + inline(document.signature.name) + "** |")
        for appendix in document.appendices {
            lines.append("")
            lines.append("---")
            lines.append("")
            for line in appendix.title { lines.append("<p align=\"center\"><b>\(html(line.plain))</b></p>") }
            lines.append("")
            lines += blocks(appendix.body)
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private func blocks(_ blocks: [Block]) -> [String] {
        var lines: [String] = []
        for block in blocks {
            switch block {
            case .heading(let level, let text):
                lines.append(String(repeating: "#", count: min(level + 1, 6)) + " " + inline(text))
            case .paragraph(let text), .item(let text):
                lines.append(inline(text))
            case .centered(let text):
                lines.append("<p align=\"center\"><b>\(html(text.plain))</b></p>")
            case .note(let text):
                lines.append("*" + inline(text) + "*")
            case .table(let table):
                lines += self.table(table)
            }
            lines.append("")
        }
        return lines
    }

    private func table(_ table: DocumentTable) -> [String] {
        var lines = ["| " + table.columns.map { escape($0.header) }.joined(separator: " | ") + " |",
                     "|" + table.columns.map { $0.centered ? ":---:|" : "---|" }.joined()]
        if table.numbered {
            lines.append("| " + table.columns.indices.map { "*(\($0 + 1))*" }.joined(separator: " | ") + " |")
        }
        for row in table.rows {
            let cells = table.columns.indices.map { $0 < row.count ? inline(row[$0]) : "" }
            lines.append("| " + cells.map { $0.replacingOccurrences(of: "\n", with: "<br>") }.joined(separator: " | ") + " |")
        }
        return lines
    }

    /// A text inline: its kinds as emphasis, blanks as bold brackets one cannot overlook.
    private func inline(_ text: Text) -> String {
        text.parts.map { part in
            switch part {
            case .plain(let s): return escape(s)
            case .bold(let s): return "**" + escape(s) + "**"
            case .italic(let s): return "*" + escape(s) + "*"
            case .blank(let what): return "**[" + escape(what) + "]**"
            }
        }.joined()
    }

    /// Markdown and table syntax made literal; control characters dropped.
    private func escape(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "|", "*", "_", "`", "[", "]", "<", ">", "\\": out += "\\" + String(scalar)
            case "\r", "\t": out += " "
            default:
                if scalar.value < 0x20 && scalar != "\n" { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    private func html(_ text: String) -> String {
        WordML.escape(text)
    }
}
