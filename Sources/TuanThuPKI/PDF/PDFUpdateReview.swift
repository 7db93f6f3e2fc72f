/// What the incremental updates after a signature's revision do to the document, object by object.
///
/// The signed revision and the whole file are each read as a PDF reader would (their own
/// cross-reference chains), and every object whose definition differs is judged:
/// - permitted: validation data (`/DSS` and what only it reaches: `/VRI`, certificates, CRLs, OCSP
///   responses), a new signature field that holds a signature or a document timestamp (with what only
///   it reaches, e.g. its appearance), the catalog's `/DSS` and `/Extensions`, the form's `/Fields`
///   and `/SigFlags` and a page's `/Annots` grown by those fields only, and the `/Info` dates
///   `/ModDate` and `/Producer` that every writer stamps;
/// - anything else the document uses is a change after signing: a page, its content, another
///   annotation, a catalog entry, an object added that an unchanged object points at.
/// What cannot be read (encryption, a broken cross-reference table) is not proved harmless, so it
/// counts as a change.
public struct PDFUpdateReview: Sendable, Codable, Equatable {
    public enum Verdict: String, Sendable, Codable {
        /// Only what the list above permits.
        case validationDataOnly = "validation-data-only"
        case changed
        case unreadable
    }

    /// What a permitted update added.
    public enum Addition: String, Sendable, Codable, CaseIterable {
        case validationData = "validation-data"
        case documentTimestamp = "document-timestamp"
        case signature
        case metadata
    }

    public var verdict: Verdict
    public var additions: [Addition]
    /// Each change that is not permitted, or why the updates could not be read.
    public var changes: [Bilingual]

    public var permitsSignature: Bool { verdict == .validationDataOnly }

    /// More changes than a reader needs to see; the rest are counted.
    static let listedChanges = 8
}

/// Compares a signed revision with the whole file (`PDFUpdateReview`).
enum PDFUpdateReviewer {
    static func review(_ bytes: [UInt8], signedEnd: Int) -> PDFUpdateReview {
        do {
            return try Comparison(bytes, signedEnd: signedEnd).review()
        } catch let error as PDFStructureError {
            return PDFUpdateReview(verdict: .unreadable, additions: [], changes: [
                Bilingual(vi: "không đọc được cấu trúc PDF của các bản cập nhật (\(error)), nên không chứng minh được chúng chỉ thêm dữ liệu kiểm tra",
                          en: "the PDF structure of the updates could not be read (\(error)), so they cannot be proved to add validation data only"),
            ])
        } catch {
            return PDFUpdateReview(verdict: .unreadable, additions: [], changes: [Bilingual(vi: "\(error)", en: "\(error)")])
        }
    }

    private final class Comparison {
        let signed: PDFDocument
        let current: PDFDocument
        var additions: Set<PDFUpdateReview.Addition> = []
        var changes: [Bilingual] = []
        var changeCount = 0

        init(_ bytes: [UInt8], signedEnd: Int) throws {
            signed = try PDFDocument(bytes, end: signedEnd)
            current = try PDFDocument(bytes, end: bytes.count)
        }

        func change(_ vi: String, _ en: String) {
            changeCount += 1
            if changes.count < PDFUpdateReview.listedChanges { changes.append(Bilingual(vi: vi, en: en)) }
        }

        func review() throws -> PDFUpdateReview {
            if signed.trailer["Encrypt"] != nil || current.trailer["Encrypt"] != nil {
                return PDFUpdateReview(verdict: .unreadable, additions: [], changes: [
                    Bilingual(vi: "tệp được mã hóa: không đọc được các bản cập nhật sau khi ký",
                              en: "the file is encrypted: the updates after signing cannot be read"),
                ])
            }
            guard let root = current.trailer["Root"]?.reference, signed.trailer["Root"]?.reference == root else {
                change("danh mục tài liệu (/Root) được thay bằng đối tượng khác", "the document catalog (/Root) was replaced")
                return result()
            }
            let (modified, added) = try differences()
            let roles = try walk(root: root.number, added: added)
            for number in modified.union(added).sorted() {
                try judge(number, isNew: added.contains(number), role: roles.role[number], roles: roles)
            }
            try judgeInfo()
            return result()
        }

        func result() -> PDFUpdateReview {
            if changeCount > changes.count {
                let more = changeCount - changes.count
                changes.append(Bilingual(vi: "… và \(more) thay đổi khác", en: "… and \(more) other changes"))
            }
            let listed = PDFUpdateReview.Addition.allCases.filter(additions.contains)
            return PDFUpdateReview(verdict: changeCount == 0 ? .validationDataOnly : .changed, additions: listed,
                                   changes: changes)
        }

        /// Objects defined differently in the whole file (`modified`) or only there (`added`);
        /// an object in use when signed and gone since is a change at once.
        func differences() throws -> (modified: Set<Int>, added: Set<Int>) {
            var modified: Set<Int> = []
            var added: Set<Int> = []
            func sameEntry(_ number: Int) -> Bool {
                guard let entry = current.entries[number], entry == signed.entries[number] else { return false }
                if case .compressed(let stream, _) = entry { return current.entries[stream] == signed.entries[stream] }
                return true
            }
            for (number, entry) in current.entries where entry != .free && number != 0 {
                if sameEntry(number) { continue }
                let now = try current.object(number)
                let before: PDFValue?
                switch signed.entries[number] {
                case nil, .free?: before = nil
                default: before = try signed.object(number)
                }
                guard let before else {
                    if now != nil { added.insert(number) }
                    continue
                }
                if now != before { modified.insert(number) }
            }
            for (number, entry) in signed.entries where entry != .free && number != 0 {
                switch current.entries[number] {
                case nil, .free?:
                    change("đối tượng \(number) bị xóa", "object \(number) was deleted")
                default: break
                }
            }
            return (modified, added)
        }

        enum Role { case document, newField, validationData }

        struct Roles {
            var role: [Int: Role] = [:]
            /// New signature fields, each with the addition it makes (signature or document timestamp).
            var fields: [Int: PDFUpdateReview.Addition] = [:]
            var acroForm: Int?
            var fieldsArray: Int?
            var annotsArrays: Set<Int> = []
        }

        /// Marks what the document uses (from the catalog, leaving out `/DSS`), then what only new
        /// signature fields reach, then what only the `/DSS` reaches.
        func walk(root: Int, added: Set<Int>) throws -> Roles {
            var roles = Roles()
            var queue = [root]
            roles.role[root] = .document
            var fieldRoots: [Int] = []
            while let number = queue.popLast() {
                guard let value = try current.object(number) else { continue }
                if number != root, added.contains(number), let kind = try newFieldKind(value) {
                    roles.fields[number] = kind
                    fieldRoots.append(number)
                    continue
                }
                var references: [PDFReference] = []
                if number == root, var catalog = value.dictionary {
                    catalog["DSS"] = nil
                    roles.acroForm = catalog["AcroForm"]?.reference?.number
                    if let form = try current.resolve(catalog["AcroForm"]) {
                        roles.fieldsArray = form["Fields"]?.reference?.number
                    }
                    PDFValue.dictionary(catalog).references(into: &references)
                } else {
                    if value["Type"]?.name == "Page", let annots = value["Annots"]?.reference {
                        roles.annotsArrays.insert(annots.number)
                    }
                    value.references(into: &references)
                }
                for reference in references where roles.role[reference.number] == nil {
                    roles.role[reference.number] = .document
                    queue.append(reference.number)
                }
            }
            try mark(from: fieldRoots, as: .newField, in: &roles)
            if let dss = try current.object(root)?["DSS"] {
                if let reference = dss.reference {
                    if roles.role[reference.number] == nil {
                        roles.role[reference.number] = .validationData
                        try mark(from: [reference.number], as: .validationData, in: &roles)
                    }
                } else {
                    var references: [PDFReference] = []
                    dss.references(into: &references)
                    let fresh = references.map(\.number).filter { roles.role[$0] == nil }
                    for number in fresh { roles.role[number] = .validationData }
                    try mark(from: fresh, as: .validationData, in: &roles)
                }
            }
            return roles
        }

        private func mark(from starts: [Int], as role: Role, in roles: inout Roles) throws {
            var queue = starts
            while let number = queue.popLast() {
                guard let value = try current.object(number) else { continue }
                var references: [PDFReference] = []
                value.references(into: &references)
                for reference in references where roles.role[reference.number] == nil {
                    roles.role[reference.number] = role
                    queue.append(reference.number)
                }
            }
        }

        /// An added signature field holding a signature (or a document timestamp), or the widget of
        /// one: the kind it adds. An empty field is not one (it would be a form change).
        func newFieldKind(_ value: PDFValue) throws -> PDFUpdateReview.Addition? {
            guard let entries = value.dictionary else { return nil }
            var field = entries
            if entries["FT"] == nil, let parent = try current.resolve(entries["Parent"])?.dictionary {
                field = parent
            }
            guard field["FT"]?.name == "Sig", let signature = try current.resolve(field["V"]),
                  signature["ByteRange"] != nil else { return nil }
            return signature["Type"]?.name == "DocTimeStamp" ? .documentTimestamp : .signature
        }

        func judge(_ number: Int, isNew: Bool, role: Role?, roles: Roles) throws {
            let now = try current.object(number)
            let before = isNew ? nil : try signed.object(number)
            switch role {
            case nil:
                return  // Nothing reaches it: no reader shows it.
            case .validationData?:
                additions.insert(.validationData)
                return
            case .newField?:
                if isNew {
                    return
                }
                change("đối tượng \(number) (\(describe(before)), có từ khi ký) bị sửa",
                       "object \(number) (\(describe(before).en), present when signed) was modified")
                return
            case .document?:
                break
            }
            if let kind = roles.fields[number] {
                additions.insert(kind)
                return
            }
            if number == current.trailer["Root"]?.reference?.number {
                try judgeCatalog(before?.dictionary ?? [:], now?.dictionary ?? [:], roles: roles)
            } else if number == roles.acroForm {
                // A form the catalog now names in place of another (or of none) is judged with the catalog.
                let root = current.trailer["Root"]?.reference?.number ?? 0
                if try signed.object(root)?["AcroForm"]?.reference?.number == number {
                    try judgeForm(before, now, roles: roles)
                }
            } else if number == roles.fieldsArray || roles.annotsArrays.contains(number) {
                try judgeGrown(before?.array ?? [], now?.array ?? [], what: Bilingual(vi: "danh sách trường hoặc chú thích (đối tượng \(number))", en: "the field or annotation list (object \(number))"), roles: roles)
            } else if !isNew, before?["Type"]?.name == "Page", now?["Type"]?.name == "Page" {
                try judgePage(number, before?.dictionary ?? [:], now?.dictionary ?? [:], roles: roles)
            } else if isNew {
                change("đối tượng \(number) (\(describe(now))) được thêm vào và tài liệu có dùng",
                       "object \(number) (\(describe(now).en)) was added and the document uses it")
            } else {
                change("\(describe(before)) (đối tượng \(number)) bị sửa",
                       "\(describe(before).en) (object \(number)) was modified")
            }
        }

        func judgeCatalog(_ before: [String: PDFValue], _ now: [String: PDFValue], roles: Roles) throws {
            for key in Set(before.keys).union(now.keys).sorted() where before[key] != now[key] {
                switch key {
                case "DSS": additions.insert(.validationData)
                case "Extensions": additions.insert(.metadata)
                case "AcroForm":
                    // The form changed where the catalog holds it (written inside it, or another object
                    // named): the signed form against the one now named. A form object modified in
                    // place is judged as that object.
                    try judgeForm(try signed.resolve(before[key]), try current.resolve(now[key]), roles: roles)
                default:
                    change("danh mục tài liệu: /\(key) bị sửa", "the document catalog: /\(key) was modified")
                }
            }
        }

        func judgeForm(_ before: PDFValue?, _ now: PDFValue?, roles: Roles) throws {
            let old = before?.dictionary ?? [:]
            let new = now?.dictionary ?? [:]
            for key in Set(old.keys).union(new.keys).sorted() where old[key] != new[key] {
                switch key {
                case "SigFlags": continue
                case "Fields" where new[key]?.reference == nil:
                    try judgeGrown(try signed.resolve(old[key])?.array ?? [], new[key]?.array ?? [],
                                   what: Bilingual(vi: "danh sách trường của biểu mẫu", en: "the form's field list"), roles: roles)
                default:
                    change("biểu mẫu (/AcroForm): /\(key) bị sửa", "the form (/AcroForm): /\(key) was modified")
                }
            }
        }

        /// An array that may only grow, by new signature fields (a form's `/Fields`, a page's `/Annots`).
        func judgeGrown(_ before: [PDFValue], _ now: [PDFValue], what: Bilingual, roles: Roles) throws {
            var remaining = now[...]
            for item in before {
                guard let at = remaining.firstIndex(of: item) else {
                    change("\(what.vi): một phần tử có khi ký đã bị bỏ", "\(what.en): an element present when signed was removed")
                    return
                }
                remaining = remaining[(at + 1)...]
            }
            // Elements are references in practice: a set keeps a hostile list of many linear.
            let kept = Set(before.compactMap(\.reference))
            let direct = before.filter { $0.reference == nil }
            let grown = now.filter { item in item.reference.map { !kept.contains($0) } ?? !direct.contains(item) }
            for item in grown {
                guard let number = item.reference?.number, let kind = roles.fields[number] else {
                    let element = item.reference.map { "\($0)" } ?? "?"
                    change("\(what.vi): thêm phần tử không phải chữ ký (\(element))",
                           "\(what.en): an element that is not a signature was added (\(element))")
                    continue
                }
                additions.insert(kind)
            }
        }

        func judgePage(_ number: Int, _ before: [String: PDFValue], _ now: [String: PDFValue], roles: Roles) throws {
            for key in Set(before.keys).union(now.keys).sorted() where before[key] != now[key] {
                if key == "Annots", now[key]?.reference == nil {
                    try judgeGrown(try signed.resolve(before[key])?.array ?? [], now[key]?.array ?? [],
                                   what: Bilingual(vi: "chú thích của trang (đối tượng \(number))",
                                                   en: "the annotations of the page (object \(number))"), roles: roles)
                } else {
                    change("trang (đối tượng \(number)): /\(key) bị sửa", "the page (object \(number)): /\(key) was modified")
                }
            }
        }

        /// `/Info` is not part of what a reader shows; its dates and producer are stamped by every writer.
        func judgeInfo() throws {
            guard let info = current.trailer["Info"]?.reference else { return }
            let now = try current.object(info.number)?.dictionary ?? [:]
            let old = signed.trailer["Info"]?.reference == info ? try signed.object(info.number)?.dictionary ?? [:] : [:]
            for key in Set(old.keys).union(now.keys).sorted() where old[key] != now[key] {
                if key == "ModDate" || key == "Producer" {
                    additions.insert(.metadata)
                } else {
                    change("thông tin tài liệu (/Info): /\(key) bị sửa", "the document information (/Info): /\(key) was modified")
                }
            }
        }

        func describe(_ value: PDFValue?) -> Bilingual {
            guard let value else { return Bilingual(vi: "trống", en: "empty") }
            switch (value["Type"]?.name, value["Subtype"]?.name) {
            case ("Page"?, _): return Bilingual(vi: "trang", en: "page")
            case ("Pages"?, _): return Bilingual(vi: "cây trang", en: "page tree")
            case ("Catalog"?, _): return Bilingual(vi: "danh mục tài liệu", en: "document catalog")
            case (_, "Widget"?): return Bilingual(vi: "trường biểu mẫu", en: "form field")
            case (_, let subtype?) where value["Rect"] != nil:
                return Bilingual(vi: "chú thích /\(subtype)", en: "/\(subtype) annotation")
            case ("XObject"?, _), (_, "Form"?), (_, "Image"?): return Bilingual(vi: "hình hoặc nhóm nội dung", en: "image or form XObject")
            case ("Font"?, _): return Bilingual(vi: "phông chữ", en: "font")
            default: break
            }
            if case .stream = value { return Bilingual(vi: "luồng dữ liệu", en: "stream") }
            return Bilingual(vi: "đối tượng", en: "object")
        }
    }
}
