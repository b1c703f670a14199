import Foundation

extension MetricsRegistry {
    /// Renders one family: the HELP and TYPE lines, then one line per series with labels sorted
    /// by name, so the output is stable between scrapes.
    static func render(_ family: Family) -> String {
        var lines = [
            "# HELP \(family.name) \(escapeHelp(family.help))",
            "# TYPE \(family.name) \(family.kind.rawValue)",
        ]
        let ordered = family.series.sorted { labelText($0.key) < labelText($1.key) }
        for (labels, series) in ordered {
            switch family.kind {
            case .counter, .gauge:
                lines.append("\(family.name)\(labelText(labels)) \(number(series.value))")
            case .histogram:
                for (index, bound) in family.buckets.enumerated() {
                    var bucketLabels = labels
                    bucketLabels["le"] = number(bound)
                    lines.append("\(family.name)_bucket\(labelText(bucketLabels)) \(series.bucketCounts[index])")
                }
                var infinite = labels
                infinite["le"] = "+Inf"
                lines.append("\(family.name)_bucket\(labelText(infinite)) \(series.count)")
                lines.append("\(family.name)_sum\(labelText(labels)) \(number(series.sum))")
                lines.append("\(family.name)_count\(labelText(labels)) \(series.count)")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func labelText(_ labels: [String: String]) -> String {
        guard !labels.isEmpty else { return "" }
        let pairs = labels.keys.sorted().map { key in "\(key)=\"\(escapeLabel(labels[key] ?? ""))\"" }
        return "{" + pairs.joined(separator: ",") + "}"
    }

    /// Writes whole numbers without a fraction, so counters read as integers.
    static func number(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value > 0 ? "+Inf" : "-Inf" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return "\(value)"
    }

    private static func escapeLabel(_ value: String) -> String {
        value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            .replacingOccurrences(of: "\n", with: "\\n")
    }

    private static func escapeHelp(_ value: String) -> String {
        value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\n", with: "\\n")
    }
}
