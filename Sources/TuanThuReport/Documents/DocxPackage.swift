import TuanThuEngine

/// The parts of a Word package other than the document itself: content types, relationships,
/// properties, styles (Times New Roman throughout), settings and the page-number headers.
extension DocxWriter {
    static let contentTypes = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
        <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\
        <Default Extension="xml" ContentType="application/xml"/>\
        <Override PartName="/word/document.xml" \
        ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>\
        <Override PartName="/word/styles.xml" \
        ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>\
        <Override PartName="/word/settings.xml" \
        ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/>\
        <Override PartName="/word/header1.xml" \
        ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/>\
        <Override PartName="/word/header2.xml" \
        ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/>\
        <Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>\
        <Override PartName="/docProps/app.xml" \
        ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>\
        </Types>
        """

    static let packageRelations = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
        <Relationship Id="rId1" \
        Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>\
        <Relationship Id="rId2" \
        Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" \
        Target="docProps/core.xml"/>\
        <Relationship Id="rId3" \
        Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" \
        Target="docProps/app.xml"/>\
        </Relationships>
        """

    static let documentRelations = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
        <Relationship Id="rIdStyles" \
        Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>\
        <Relationship Id="rIdSettings" \
        Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings" Target="settings.xml"/>\
        <Relationship Id="rIdHeader1" \
        Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header1.xml"/>\
        <Relationship Id="rIdHeader2" \
        Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header2.xml"/>\
        </Relationships>
        """

    static let appProperties = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">\
        <Application>tuanthu \(ToolInfo.version)</Application></Properties>
        """

    func coreProperties(_ document: OfficialDocument) -> String {
        let title = WordML.escape(([document.kind].compactMap { $0 } + document.excerpt.map(\.plain)).joined(separator: " "))
        let stamp = "\(self.stamp)T00:00:00Z"
        return """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" \
            xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" \
            xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\
            <dc:title>\(title)</dc:title><dc:subject>\(WordML.escape(document.form ?? ""))</dc:subject>\
            <dc:creator>\(WordML.escape(document.issuer.plain))</dc:creator><dc:language>\(language.tag)</dc:language>\
            <dcterms:created xsi:type="dcterms:W3CDTF">\(stamp)</dcterms:created>\
            <dcterms:modified xsi:type="dcterms:W3CDTF">\(stamp)</dcterms:modified>\
            </cp:coreProperties>
            """
    }

    /// Times New Roman throughout (Decree 30 asks for a Unicode font of TCVN 6909:2001), black, 14 pt body.
    static func styles(_ language: Language) -> String {
        let font = "<w:rFonts w:ascii=\"Times New Roman\" w:hAnsi=\"Times New Roman\" w:cs=\"Times New Roman\" "
            + "w:eastAsia=\"Times New Roman\"/>"
        let run = "\(font)<w:color w:val=\"000000\"/><w:sz w:val=\"\(bodySize * 2)\"/><w:szCs w:val=\"\(bodySize * 2)\"/>"
            + "<w:lang w:val=\"\(language.tag)\" w:eastAsia=\"\(language.tag)\" w:bidi=\"ar-SA\"/>"
        return """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">\
            <w:docDefaults><w:rPrDefault><w:rPr>\(run)</w:rPr></w:rPrDefault>\
            <w:pPrDefault><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr></w:pPrDefault>\
            </w:docDefaults>\
            <w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/>\
            <w:rPr>\(run)</w:rPr></w:style>\
            <w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/>\
            <w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/>\
            <w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/>\
            </w:tblCellMar></w:tblPr></w:style>\
            </w:styles>
            """
    }

    static func settings(_ language: Language) -> String {
        """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <w:settings xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">\
        <w:defaultTabStop w:val="720"/><w:characterSpacingControl w:val="doNotCompress"/>\
        <w:themeFontLang w:val="\(language.tag)"/><w:compat><w:compatSetting w:name="compatibilityMode" \
        w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat></w:settings>
        """
    }

    /// Page numbers in the top margin, centred, from the second page on (the first page's header is empty).
    static func header(numbered: Bool) -> String {
        let content = numbered ? WordML.pageField : ""
        return """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <w:hdr xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">\
            <w:p><w:pPr><w:jc w:val="center"/></w:pPr>\(content.replacingOccurrences(of: "<w:r>", with: "<w:r><w:rPr><w:sz w:val=\"28\"/></w:rPr>"))</w:p>\
            </w:hdr>
            """
    }
}
