import MotCuaCore

/// The steps and conditional `next` branches of each flow that a replay went through.
public struct FlowCoverage: Sendable {
    /// One flow's numbers, with what was never exercised.
    public struct Row: Sendable {
        public var flowID: String
        public var steps: Int
        public var stepsHit: Int
        /// Branches of `next` lists with conditions, the final unconditional branch included.
        public var branches: Int
        public var branchesHit: Int
        /// Step ids never entered, in file order.
        public var missedSteps: [String]
        /// Branches never taken, written `from → to`, in file order.
        public var missedBranches: [String]

        /// Steps and branches exercised, in percent of all of them.
        public var percent: Double {
            let total = steps + branches
            return total == 0 ? 100 : Double(stepsHit + branchesHit) * 100 / Double(total)
        }
    }

    public var rows: [Row]

    /// Steps and branches exercised over every flow, in percent.
    public var percent: Double {
        let total = rows.reduce(0) { $0 + $1.steps + $1.branches }
        let hit = rows.reduce(0) { $0 + $1.stepsHit + $1.branchesHit }
        return total == 0 ? 100 : Double(hit) * 100 / Double(total)
    }

    /// Compares the current version of each flow in `catalog` with what a replay went through.
    /// NOTE: a branch counts as taken when the engine followed `next` from its step to its target,
    /// so two branches of one step with the same target are taken together.
    public init(catalog: FlowCatalog, enteredSteps: Set<StepReference>, transitions: Set<StepTransition>) {
        rows = catalog.flows.values.sorted { $0.id < $1.id }.map { flow in
            var row = Row(
                flowID: flow.id, steps: 0, stepsHit: 0, branches: 0, branchesHit: 0, missedSteps: [],
                missedBranches: [])
            for stepID in flow.stepOrder {
                guard let step = flow.steps[stepID] else { continue }
                row.steps += 1
                if enteredSteps.contains(StepReference(flowID: flow.id, stepID: stepID)) {
                    row.stepsHit += 1
                } else {
                    row.missedSteps.append(stepID)
                }
                guard case .branches(let branches)? = step.next else { continue }
                for branch in branches {
                    row.branches += 1
                    let transition = StepTransition(flowID: flow.id, from: stepID, to: branch.target)
                    if transitions.contains(transition) {
                        row.branchesHit += 1
                    } else {
                        row.missedBranches.append("\(stepID) → \(branch.target)")
                    }
                }
            }
            return row
        }
    }
}

extension FlowCoverage {
    /// Puts the rows of several template folders in one table; nil when there are none.
    static func merging(_ parts: [FlowCoverage]) -> FlowCoverage? {
        guard var first = parts.first else { return nil }
        for part in parts.dropFirst() { first.rows += part.rows }
        return first
    }
}
