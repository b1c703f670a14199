/// The communes of a province, looked up by what citizens type.
public struct CommuneDirectory: Sendable {
    public let communes: [Commune]
    /// The province name from the data file, such as "Tây Ninh".
    public let province: String?
    private let entries: [Entry]

    public init(communes: [Commune], province: String? = nil) {
        self.communes = communes
        self.province = province
        entries = communes.indices.flatMap { index in
            [Entry(commune: index, isName: true, key: CommuneKey(communes[index].name))]
                + communes[index].aliases.map { Entry(commune: index, isName: false, key: CommuneKey($0)) }
        }
        .filter { !$0.key.folded.isEmpty }
    }

    /// Returns the commune that `text` names, the communes it names equally well, or none.
    ///
    /// Names and aliases are compared without the leading unit word (xã, x., phường, p., P1, đặc khu,
    /// thị trấn), so "p tan ninh", "phuong Tan Ninh" and "tân ninh" all name Phường Tân Ninh. The
    /// rules are tried in order, and the first that finds a commune decides:
    /// 1. equality with diacritics, in the new tone style ("Bình Thạnh" is not "Bình Thành");
    /// 2. equality of folded keys, so "binh thanh" names both;
    /// 3. equality once Telex leftovers are removed ("Taan Ninh");
    /// 4. a name or alias contained in the text as whole words, the one starting first, then the
    ///    longest ("xã Bình Hòa, tỉnh Long An" names Bình Hòa, not Long An);
    /// 5. the text contained in names or aliases as whole words ("Nhơn Hòa" for "Nhơn Hòa Lập",
    ///    "tân" for every commune with that word, "Tây Ninh" for the aliases "TP Tây Ninh");
    /// 6. an edit distance of 1 from a name or alias of 6 letters or more ("tan ninhh").
    ///
    /// When several communes match and the text starts with a unit word, a commune found by a name of
    /// another kind is left out, unless that leaves none.
    public func resolve(_ text: String) -> CommuneMatch {
        let query = CommuneKey(text)
        guard !query.folded.isEmpty else { return .none }

        let equalities: [(CommuneKey) -> Bool] = [
            { $0.exact == query.exact },
            { $0.folded == query.folded },
            { $0.telex == query.telex },
        ]
        for isEqual in equalities {
            let found = entries.filter { isEqual($0.key) }
            if !found.isEmpty { return match(found, kind: query.kind) }
        }

        if let found = entriesContained(in: query) {
            return match(found, kind: query.kind)
        }

        let containing = entries.filter { VietnameseText.containsWords($0.key.words, query.words) }
        if !containing.isEmpty {
            return match(containing, kind: query.kind)
        }

        let closeTypos = entries.filter { entry in
            entry.key.letterCount >= 6 && VietnameseText.editDistance(entry.key.folded, query.folded) <= 1
        }
        return match(closeTypos, kind: query.kind)
    }

    /// Returns the names and aliases inside the text as whole words, those starting first and then the
    /// longest, or nil when none is inside.
    private func entriesContained(in query: CommuneKey) -> [Entry]? {
        var best: (start: Int, length: Int, entries: [Entry])?
        for entry in entries where entry.key.words.count < query.words.count {
            guard let start = Self.position(of: entry.key.words, in: query.words) else { continue }
            let length = entry.key.words.count
            if let current = best, (current.start, -current.length) < (start, -length) { continue }
            if let current = best, current.start == start, current.length == length {
                best?.entries.append(entry)
            } else {
                best = (start, length, [entry])
            }
        }
        return best?.entries
    }

    private static func position(of part: [Substring], in whole: [Substring]) -> Int? {
        guard !part.isEmpty, part.count <= whole.count else { return nil }
        return (0...(whole.count - part.count)).first { start in
            whole[start..<(start + part.count)].elementsEqual(part)
        }
    }

    /// Returns the communes of the entries found. When there are several and `kind` is given, names
    /// of another kind are left out, but aliases stay, because an old unit's kind may differ from the
    /// new unit's ("xã Bình Thạnh" went into Phường Long An).
    private func match(_ found: [Entry], kind: String?) -> CommuneMatch {
        var indexes = Set(found.map(\.commune)).sorted()
        if indexes.count > 1, let kind {
            let kindKey = VietnameseText.foldKey(kind)
            let sameKind = found.filter { !$0.isName || VietnameseText.foldKey(communes[$0.commune].kind) == kindKey }
            indexes = sameKind.isEmpty ? indexes : Set(sameKind.map(\.commune)).sorted()
        }

        switch indexes.count {
        case 0: return .none
        case 1: return .matched(communes[indexes[0]])
        default: return .ambiguous(indexes.map { communes[$0] })
        }
    }
}

/// One name or alias of a commune, keyed for comparison.
private struct Entry: Sendable {
    /// The index of the commune in `CommuneDirectory.communes`.
    let commune: Int
    /// Whether the key is the commune's current name rather than an alias.
    let isName: Bool
    let key: CommuneKey
}
