/// One administrative procedure (thủ tục hành chính) from the catalog in templates/procedures: what
/// a citizen brings, pays and waits, and where to file it.
public struct Procedure: Sendable, Equatable {
    /// A fact in the file that the province has not confirmed yet.
    public struct Unconfirmed: Sendable, Equatable {
        /// The file key the note is about, such as `fee` or `code`.
        public var field: String
        public var note: String

        public init(field: String, note: String) {
            self.field = field
            self.note = note
        }
    }

    /// The national code such as "1.001193", or a lowercase slug when no code is known.
    public var code: String
    /// The official name.
    public var name: String
    /// What a citizen calls it, such as "Làm giấy khai sinh"; shown on buttons.
    public var shortName: String
    /// Ways citizens type it, with or without diacritics.
    public var keywords: [String]
    public var authority: String
    /// One short sentence per document to bring.
    public var documents: [String]
    public var fee: String
    public var processingTime: String
    public var legalBasis: [String]
    /// One line per channel: in person, by post, online portals.
    public var whereToFile: [String]
    /// Who qualifies or another fact a citizen must know first; nil when the file has no `note`.
    public var note: String?
    /// The guided flow that files this procedure, or nil when none exists yet.
    public var flowID: String?
    public var toConfirm: [Unconfirmed]
    /// The file it came from and the line of its `flow:` key, for lint messages.
    public var source: String
    public var flowLine: Int

    public init(
        code: String, name: String, shortName: String, keywords: [String] = [], authority: String,
        documents: [String], fee: String, processingTime: String, legalBasis: [String], whereToFile: [String],
        note: String? = nil, flowID: String? = nil, toConfirm: [Unconfirmed] = [], source: String = "",
        flowLine: Int = 0
    ) {
        self.code = code
        self.name = name
        self.shortName = shortName
        self.keywords = keywords
        self.authority = authority
        self.documents = documents
        self.fee = fee
        self.processingTime = processingTime
        self.legalBasis = legalBasis
        self.whereToFile = whereToFile
        self.note = note
        self.flowID = flowID
        self.toConfirm = toConfirm
        self.source = source
        self.flowLine = flowLine
    }
}
