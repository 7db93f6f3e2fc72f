import TuanThuPKI

/// Small pieces of WordprocessingML (ECMA-376 Part 1), written as text: runs, paragraphs, tables.
/// Lengths are in twentieths of a point (twips), font sizes in half-points, as the format counts them.
enum WordML {
    /// Characters as XML text: markup escaped, control characters (which XML 1.0 cannot hold and
    /// Word refuses) shown as `\u001B`.
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "\t", "\n", "\r": out += " "
            default:
                if ControlCharacters.isRefused(scalar) {
                    out += ControlCharacters.escaped(String(scalar))
                    continue
                }
                if (0xFFFE...0xFFFF).contains(scalar.value) { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    struct RunStyle: Equatable {
        var size: Int? = nil
        var bold = false
        var italic = false
        var uppercase = false
        var highlight = false
    }

    static func run(_ text: String, _ style: RunStyle) -> String {
        var properties = ""
        if style.bold { properties += "<w:b/><w:bCs/>" }
        if style.italic { properties += "<w:i/><w:iCs/>" }
        if style.highlight { properties += "<w:highlight w:val=\"yellow\"/>" }
        if let size = style.size { properties += "<w:sz w:val=\"\(size * 2)\"/><w:szCs w:val=\"\(size * 2)\"/>" }
        let value = style.uppercase ? text.uppercased() : text
        let head = properties.isEmpty ? "<w:r>" : "<w:r><w:rPr>\(properties)</w:rPr>"
        return head + "<w:t xml:space=\"preserve\">\(escape(value))</w:t></w:r>"
    }

    /// The runs of a text in a base style; blanks stand out (highlighted, in brackets).
    static func runs(_ text: Text, _ base: RunStyle) -> String {
        text.parts.map { part in
            var style = base
            switch part {
            case .plain(let s): return run(s, style)
            case .bold(let s): style.bold = true; return run(s, style)
            case .italic(let s): style.italic = true; return run(s, style)
            case .blank(let what):
                style.highlight = true
                style.uppercase = false
                return run("[\(what)]", style)
            }
        }.joined()
    }

    enum Alignment: String { case left, center, right, both }

    struct ParagraphStyle {
        var alignment: Alignment = .both
        var firstLine = 0
        var left = 0
        var right = 0
        var before = 0
        var after = 120
        var keepNext = false
        var pageBreakBefore = false
        /// A rule above the paragraph: the short lines under the motto, the issuing body and the excerpt.
        var topRule = false
        var lineSpacing: Int? = nil
    }

    static func paragraph(_ content: String, _ style: ParagraphStyle) -> String {
        var properties = ""
        if style.keepNext { properties += "<w:keepNext/>" }
        if style.pageBreakBefore { properties += "<w:pageBreakBefore/>" }
        if style.topRule {
            properties += "<w:pBdr><w:top w:val=\"single\" w:sz=\"6\" w:space=\"1\" w:color=\"000000\"/></w:pBdr>"
        }
        let line = style.lineSpacing.map { " w:line=\"\($0)\" w:lineRule=\"auto\"" } ?? ""
        properties += "<w:spacing w:before=\"\(style.before)\" w:after=\"\(style.after)\"\(line)/>"
        if style.firstLine != 0 || style.left != 0 || style.right != 0 {
            properties += "<w:ind w:left=\"\(style.left)\" w:right=\"\(style.right)\" w:firstLine=\"\(style.firstLine)\"/>"
        }
        properties += "<w:jc w:val=\"\(style.alignment.rawValue)\"/>"
        return "<w:p><w:pPr>\(properties)</w:pPr>\(content)</w:p>"
    }

    /// A table of fixed column widths; `borders` false for the layout tables of the heading and
    /// the signature.
    static func table(widths: [Int], borders: Bool, rows: [String]) -> String {
        let border = borders ? "single" : "nil"
        let edges = ["top", "left", "bottom", "right", "insideH", "insideV"]
            .map { "<w:\($0) w:val=\"\(border)\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>" }.joined()
        let total = widths.reduce(0, +)
        return "<w:tbl><w:tblPr><w:tblW w:w=\"\(total)\" w:type=\"dxa\"/><w:jc w:val=\"center\"/>"
            + "<w:tblBorders>\(edges)</w:tblBorders><w:tblLayout w:type=\"fixed\"/>"
            + "<w:tblCellMar><w:left w:w=\"85\" w:type=\"dxa\"/><w:right w:w=\"85\" w:type=\"dxa\"/></w:tblCellMar>"
            + "<w:tblLook w:val=\"0000\"/></w:tblPr><w:tblGrid>"
            + widths.map { "<w:gridCol w:w=\"\($0)\"/>" }.joined() + "</w:tblGrid>"
            + rows.joined() + "</w:tbl>"
    }

    static func row(_ cells: [String], header: Bool = false) -> String {
        let properties = header ? "<w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>" : "<w:trPr><w:cantSplit/></w:trPr>"
        return "<w:tr>\(properties)\(cells.joined())</w:tr>"
    }

    static func cell(width: Int, _ paragraphs: String, centered: Bool = false) -> String {
        let align = centered ? "<w:vAlign w:val=\"center\"/>" : ""
        return "<w:tc><w:tcPr><w:tcW w:w=\"\(width)\" w:type=\"dxa\"/>\(align)</w:tcPr>\(paragraphs)</w:tc>"
    }

    /// The page number field, for the header.
    static let pageField = "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r>"
        + "<w:r><w:instrText xml:space=\"preserve\"> PAGE </w:instrText></w:r>"
        + "<w:r><w:fldChar w:fldCharType=\"separate\"/></w:r><w:r><w:t>2</w:t></w:r>"
        + "<w:r><w:fldChar w:fldCharType=\"end\"/></w:r>"
}
