/// Checking an audience's communes against the province's commune directory.
extension BroadcastAudience {
    /// A commune of an audience that does not name exactly one commune of the directory.
    public struct UnknownCommune: Error, Equatable, Sendable {
        /// The commune as the official typed it.
        public var value: String
        /// True when the value names several communes equally well; `suggestions` then lists them all.
        public var isAmbiguous: Bool
        /// Full names of directory communes close to `value`, closest first, at most three unless the
        /// value is ambiguous.
        public var suggestions: [String]
    }

    /// Returns the audience with each commune replaced by the directory's full name ("xa binh hoa" gives
    /// "Xã Bình Hòa") and repeats removed, or the first commune that the directory cannot resolve.
    /// Communes are resolved the same way as a citizen's answer, typos of one letter included.
    public func resolvingCommunes(in directory: CommuneDirectory) -> Result<BroadcastAudience, UnknownCommune> {
        var names: [String] = []
        for value in communes {
            switch directory.resolve(value) {
            case .matched(let commune):
                if !names.contains(commune.name) { names.append(commune.name) }
            case .ambiguous(let candidates):
                return .failure(UnknownCommune(value: value, isAmbiguous: true, suggestions: candidates.map(\.name)))
            case .none:
                let close = Self.closeNames(to: value, in: directory)
                return .failure(UnknownCommune(value: value, isAmbiguous: false, suggestions: close))
            }
        }
        var resolved = self
        resolved.communes = names
        return .success(resolved)
    }

    /// Returns up to three commune names ranked by the words they share with `value`, then by the edit
    /// distance of the folded keys. Aliases count for their commune. A name sharing no word and more
    /// than three edits away is not close.
    static func closeNames(to value: String, in directory: CommuneDirectory) -> [String] {
        let query = CommuneKey(value)
        var best: [String: (shared: Int, distance: Int)] = [:]
        for commune in directory.communes {
            for text in [commune.name] + commune.aliases {
                let key = CommuneKey(text)
                let shared = Set(key.words).intersection(query.words).count
                let distance = VietnameseText.editDistance(key.folded, query.folded)
                guard shared > 0 || distance <= 3 else { continue }
                if let current = best[commune.name], (current.shared, -current.distance) >= (shared, -distance) {
                    continue
                }
                best[commune.name] = (shared, distance)
            }
        }
        let order = directory.communes.map(\.name)
        return best.sorted { left, right in
            if left.value.shared != right.value.shared { return left.value.shared > right.value.shared }
            if left.value.distance != right.value.distance { return left.value.distance < right.value.distance }
            return order.firstIndex(of: left.key)! < order.firstIndex(of: right.key)!
        }
        .prefix(3).map(\.key)
    }
}
