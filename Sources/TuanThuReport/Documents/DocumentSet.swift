import TuanThuEngine

/// The papers `dossier` and `report` write: each document as a .docx for signing and the same
/// content as Markdown beside it, for review in Git.
public struct DocumentSet {
    public var documents: [(name: String, document: OfficialDocument)]

    public init(documents: [(name: String, document: OfficialDocument)]) {
        self.documents = documents
    }

    /// The level dossier of one system: the explanation, and under Decree 331 the forms around it.
    public static func dossier(for result: SystemResult, in organization: OrganizationResult, asOf: Day,
                               language: Language) -> DocumentSet {
        let context = DocumentContext(organization: organization, asOf: asOf, language: language)
        let id = result.system.id
        var documents = [(name: "\(id).dossier.\(language.rawValue)",
                          document: DossierExplanation(context: context, result: result).document())]
        if DocumentContext.isNewRegime(result.standing.governing.id) {
            // The forms are the decree's own Vietnamese text, whatever the language of the explanation.
            let vietnamese = DocumentContext(organization: organization, asOf: asOf, language: .vi)
            documents += DossierForms(context: vietnamese, result: result).documents()
                .map { (name: "\(id).\($0.0)", document: $0.1) }
        }
        return DocumentSet(documents: documents)
    }

    /// Writes every document as NAME.docx and NAME.md.
    public func write(to transaction: ReportTransaction, stamp: Day, language: Language) throws {
        let writer = DocxWriter(stamp: stamp, language: language)
        for (name, document) in documents {
            try transaction.write(name + ".docx", try writer.write(document))
            try transaction.write(name + ".md", ReportBytes(Array(DocumentMarkdown().render(document).utf8)))
        }
    }
}
