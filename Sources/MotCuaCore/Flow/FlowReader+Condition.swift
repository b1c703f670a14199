extension FlowReader {
    /// Reads `{slot: value}` (equality) or `{slot: {operator: value}}`; several slots must all hold.
    mutating func readCondition(_ node: DocumentNode) -> Condition? {
        guard let pairs = node.mapping, !pairs.isEmpty else {
            fail(node.line, "'if' phải ánh xạ tên câu trả lời sang phép thử, ví dụ {gioi_tinh: nam}")
            return nil
        }
        var tests: [Condition.Test] = []
        for (slot, value) in pairs {
            if let text = value.scalar, !text.isEmpty {
                tests.append(.init(slot: slot, comparison: .equals(text)))
                continue
            }
            if value.mapping?.isEmpty != false {
                fail(
                    value.line,
                    "điều kiện trên '\(slot)' trống; viết ví dụ {\(slot): giá_trị} hoặc {\(slot): {present: true}}")
                continue
            }
            for (op, operand) in value.mapping ?? [] {
                if let comparison = readComparison(op, operand) {
                    tests.append(.init(slot: slot, comparison: comparison))
                }
            }
        }
        return Condition(tests: tests)
    }

    private mutating func readComparison(_ op: String, _ operand: DocumentNode) -> Condition.Comparison? {
        let text = operand.scalar
        switch op {
        case "equals": return text.map { .equals($0) } ?? invalid(operand, op)
        case "not": return text.map { .notEquals($0) } ?? invalid(operand, op)
        case "one_of": return .oneOf(stringList(operand, what: op))
        case "present": return text == "false" ? .absent : .present
        case "absent": return text == "false" ? .present : .absent
        case "gt": return double(operand, op).map { .greaterThan($0) }
        case "lt": return double(operand, op).map { .lessThan($0) }
        case "gte": return double(operand, op).map { .atLeast($0) }
        case "lte": return double(operand, op).map { .atMost($0) }
        case "older_than_days": return integer(operand, op).map { .olderThanDays($0) }
        case "within_days": return integer(operand, op).map { .withinDays($0) }
        case "age_at_least": return integer(operand, op).map { .ageAtLeast($0) }
        case "age_under": return integer(operand, op).map { .ageUnder($0) }
        default:
            fail(
                operand.line,
                "phép thử không tồn tại '\(op)'; các phép thử có: equals, not, one_of, present, absent, gt, lt, gte, lte, "
                    + "older_than_days, within_days, age_at_least, age_under")
            return nil
        }
    }

    private mutating func invalid(_ node: DocumentNode, _ op: String) -> Condition.Comparison? {
        fail(node.line, "'\(op)' cần đúng một giá trị")
        return nil
    }

    private mutating func double(_ node: DocumentNode, _ op: String) -> Double? {
        guard let value = node.scalar.flatMap(Double.init) else {
            fail(node.line, "'\(op)' cần một con số")
            return nil
        }
        return value
    }

    private mutating func integer(_ node: DocumentNode, _ op: String) -> Int? {
        guard let value = node.scalar.flatMap({ Int($0) }) else {
            fail(node.line, "'\(op)' cần một số nguyên (số ngày hoặc số năm)")
            return nil
        }
        return value
    }
}
