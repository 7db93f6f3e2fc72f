/// What the papers a body signs ask about it (Decree 331 Form 08 §2; Decree 30/2020 Appendix I): its
/// head, the text that gives it its mandate, how to reach it. Every field is optional; a document
/// leaves a marked blank for what is not declared.
public struct Particulars: Sendable, Hashable {
    /// The head (người đứng đầu): name and title.
    public var head: String?
    public var headTitle: String?
    /// The document that sets its functions, duties and powers.
    public var mandate: String?
    public var address: String?
    public var phone: String?
    public var email: String?

    public init() {}
}

/// How an organisation signs its papers (Decree 30/2020 Appendix I): the body above it, the
/// abbreviation in its document symbols ("SNV" in "Số: …/BC-SNV"), the place name in the date line.
public struct Letterhead: Sendable, Hashable {
    /// The direct managing body (cơ quan chủ quản trực tiếp), e.g. the provincial People's Committee.
    public var parent: String?
    public var abbreviation: String?
    public var place: String?

    public init() {}
}

/// Where a level dossier stands before the approval decision (Decree 331 Form 08, column (6)).
public enum DossierState: String, CaseIterable, Sendable {
    case drafting, submitted, appraised
}

/// A system's security regulation (quy chế bảo đảm an ninh mạng / an toàn thông tin): number, date, issuer.
public struct Regulation: Sendable, Hashable {
    public var decision: String
    public var date: Day
    public var issuer: String?
}

/// The system's architecture, as the level dossier describes it (Circular 12 Art. 8(3)(a); Decree 331
/// Art. 22(3)): free text and lists, none of them required.
public struct Architecture: Sendable, Hashable {
    public struct Zone: Sendable, Hashable {
        public var name: String
        public var addresses: String?
        public var purpose: String?
    }

    public struct Device: Sendable, Hashable {
        public var name: String
        public var kind: String?
        public var model: String?
        public var count: Int
        public var zone: String?
        /// A main network or security device (thiết bị mạng chính).
        public var main: Bool
    }

    public struct Service: Sendable, Hashable {
        public var name: String
        public var zone: String?
        public var description: String?
    }

    public struct Connection: Sendable, Hashable {
        public var to: String
        public var via: String?
        public var purpose: String?
    }

    public var description: String?
    /// Scope and scale: where it is used, how many users, how much data.
    public var scale: String?
    public var users: String?
    /// The logical and physical models: a description, or a workspace path to the drawing.
    public var logicalModel: String?
    public var physicalModel: String?
    public var zones: [Zone] = []
    public var devices: [Device] = []
    public var services: [Service] = []
    public var connections: [Connection] = []
    public var threats: [String] = []
    public var impacts: [String] = []
    /// The main cybersecurity risks (Decree 331 Art. 22(4)(c)).
    public var risks: [String] = []

    public init() {}
}
