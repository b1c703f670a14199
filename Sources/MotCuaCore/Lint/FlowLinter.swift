/// Checks a set of flows for problems the reader cannot see in one step alone: references across
/// files, steps no path reaches, answers never used, placeholders naming no answer, conditions on
/// answers no question saves, and flows that never end. Every problem is reported at its line.
public struct FlowLinter {
    /// The flow id the engine shows as the main menu.
    public static let menuFlowID = "menu"

    let outlines: [FlowOutline]
    /// The first flow with each id; later ones are reported as duplicates.
    let flowsByID: [String: FlowOutline]
    let groups: [String: SlotGroup]
    let graph: StepGraph
    /// The procedure catalog that `procedure:` keys and `procedure` questions need; nil skips the
    /// check of `procedure:` codes, for templates without a procedures folder.
    let procedures: ProcedureCatalog?

    public init(documents: [FlowDocument], procedures: ProcedureCatalog? = nil) {
        self.procedures = procedures
        outlines = documents.compactMap { document in
            document.flow.map { FlowOutline(flow: $0, document: document) }
        }
        var byID: [String: FlowOutline] = [:]
        for outline in outlines where byID[outline.id] == nil {
            byID[outline.id] = outline
        }
        flowsByID = byID
        groups = SlotGroup.groups(of: outlines, flowsByID: byID)
        graph = StepGraph(flowsByID: byID)
    }

    /// Returns every problem found, ordered by file, then line.
    public static func lint(_ documents: [FlowDocument], procedures: ProcedureCatalog? = nil) -> [FlowError] {
        FlowLinter(documents: documents, procedures: procedures).problems()
    }

    public func problems() -> [FlowError] {
        var errors = crossFileProblems()
        for outline in outlines {
            errors += DuplicateKeys.problems(in: outline.root, source: outline.source, exceptUnder: "steps")
        }
        for outline in outlines {
            errors += stepProblems(in: outline)
        }
        for outline in outlines where outline.isValid {
            errors += pathProblems(in: outline)
            errors += answerProblems(in: outline)
            errors += conditionValueProblems(in: outline)
        }
        return errors.sortedByLocation()
    }
}
