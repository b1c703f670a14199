import Foundation
import MotCuaCore

/// Record mode: rewrites the `expect:` blocks of a fixture file from the bot's replies. Only the
/// blocks of turns whose replies differ change; every other byte of the file, comments included,
/// stays as it was. Inside a rewritten block, an item that still holds is kept line for line.
public enum FixtureUpdater {
    /// Returns `text` with the expectations of each message turn in `recording` rewritten.
    /// `fixture` must be the parse of `text`, whose line numbers locate the blocks.
    public static func update(_ text: String, fixture: Fixture, recording: FixtureRecording) -> String {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let turnLines = fixture.turns.map(\.line)

        // Blocks are rewritten from the end of the file, so earlier line numbers stay valid.
        for recorded in recording.turns.sorted(by: { $0.turn > $1.turn }) {
            let index = recorded.turn - 1
            guard case .send(_, let expect, let line) = fixture.turns[index] else { continue }
            if let expect, FixtureUpdater.holds(expect, recorded.replies) { continue }
            let nextTurnLine = index + 1 < turnLines.count ? turnLines[index + 1] : nil
            rewrite(&lines, turnLine: line, nextTurnLine: nextTurnLine, old: expect, replies: recorded.replies)
        }
        return lines.joined(separator: "\n")
    }

    /// True when the replies pass every expectation, one to one.
    static func holds(_ expect: [Fixture.Expectation], _ replies: [OutboundMessage]) -> Bool {
        expect.count == replies.count && zip(expect, replies).allSatisfy { holds($0, $1) }
    }

    static func holds(_ expectation: Fixture.Expectation, _ reply: OutboundMessage) -> Bool {
        if let text = expectation.text, reply.text != text { return false }
        if let part = expectation.contains, !reply.text.contains(part) { return false }
        if let pattern = expectation.matches {
            guard let regex = try? NSRegularExpression(pattern: pattern),
                regex.firstMatch(in: reply.text, range: NSRange(reply.text.startIndex..., in: reply.text)) != nil
            else { return false }
        }
        if let titles = expectation.buttons, titles != reply.buttons.map(\.title) { return false }
        return true
    }

    // MARK: - Locating and replacing a block

    private static func rewrite(
        _ lines: inout [String], turnLine: Int, nextTurnLine: Int?, old: [Fixture.Expectation]?,
        replies: [OutboundMessage]
    ) {
        let turnIndex = turnLine - 1
        guard turnIndex < lines.count, let keyColumn = keyColumn(of: lines[turnIndex]) else { return }
        let dashColumn = indentation(lines[turnIndex])
        let regionEnd = lastContentLine(in: lines, after: turnIndex, deeperThan: dashColumn, before: nextTurnLine)

        // The `expect:` key of this turn, at the turn's key column.
        let expectIndex = (turnIndex...regionEnd).first { index in
            let column = index == turnIndex ? keyColumn : indentation(lines[index])
            guard column == keyColumn, !isBlankOrComment(lines[index]) else { return false }
            let key = lines[index].dropFirst(column)
            return key.hasPrefix("expect:")
        }

        guard let expectIndex else {
            let block = newBlock(keyColumn: keyColumn, itemColumn: keyColumn + 2, old: nil, keptLines: [], replies)
            lines.insert(contentsOf: block, at: regionEnd + 1)
            return
        }
        let blockEnd = lastContentLine(in: lines, after: expectIndex, deeperThan: keyColumn, before: regionEnd + 2)
        let itemLines = (old ?? []).map { $0.line - 1 }
        // Items written one per line in block style can be kept verbatim; a flow-style list cannot.
        let isBlockStyle =
            !itemLines.isEmpty && itemLines.allSatisfy { $0 > expectIndex && $0 <= blockEnd }
            && zip(itemLines, itemLines.dropFirst()).allSatisfy { $0 < $1 }
        var kept: [[String]] = []
        var itemColumn = keyColumn + 2
        if isBlockStyle {
            itemColumn = indentation(lines[itemLines[0]])
            for (position, start) in itemLines.enumerated() {
                let end = position + 1 < itemLines.count ? itemLines[position + 1] - 1 : blockEnd
                kept.append(Array(lines[start...end]))
            }
        }
        let block = newBlock(keyColumn: keyColumn, itemColumn: itemColumn, old: old, keptLines: kept, replies)
        lines.replaceSubrange(expectIndex...blockEnd, with: block)
    }

    /// Builds `expect:` and its items: an old item that still holds for the reply in its place is
    /// kept with its own lines, any other reply gets a new item.
    private static func newBlock(
        keyColumn: Int, itemColumn: Int, old: [Fixture.Expectation]?, keptLines: [[String]],
        _ replies: [OutboundMessage]
    ) -> [String] {
        let keyPadding = String(repeating: " ", count: keyColumn)
        guard !replies.isEmpty else { return [keyPadding + "expect: []"] }
        var block = [keyPadding + "expect:"]
        for (position, reply) in replies.enumerated() {
            if let old, position < old.count, position < keptLines.count, holds(old[position], reply) {
                block += keptLines[position]
            } else {
                block += item(for: reply, column: itemColumn)
            }
        }
        return block
    }

    /// Writes the expectation for one reply. A reply showing a generated code gets `matches`,
    /// because the code changes on every run. Any other reply gets its exact `text`, and a reply
    /// with buttons also gets `buttons`.
    static func item(for reply: OutboundMessage, column: Int) -> [String] {
        let padding = String(repeating: " ", count: column)
        let inner = column + 2
        var pairs: [String]
        if let pattern = GeneratedCode.pattern(for: reply.text) {
            pairs = YAMLText.pair("matches", pattern, indent: inner)
        } else {
            pairs = YAMLText.pair("text", reply.text, indent: inner)
        }
        if !reply.buttons.isEmpty {
            pairs.append("buttons: " + YAMLText.flowSequence(reply.buttons.map(\.title)))
        }
        var result = [padding + "- " + pairs[0]]
        for (index, line) in pairs.enumerated().dropFirst() {
            // Block scalar lines carry their own indentation; the next key lines up with the first.
            let isKey = index == pairs.count - 1 && !reply.buttons.isEmpty
            result.append(isKey ? String(repeating: " ", count: inner) + line : line)
        }
        return result
    }

    // MARK: - Line helpers

    /// Returns the column where the turn's first key starts, which is after `- ` on an item line.
    private static func keyColumn(of line: String) -> Int? {
        let column = indentation(line)
        let rest = line.dropFirst(column)
        guard rest.hasPrefix("-") else { return column }
        let afterDash = rest.dropFirst()
        let spaces = afterDash.prefix { $0 == " " }.count
        return spaces == 0 ? nil : column + 1 + spaces
    }

    /// Returns the last line from `start` on that is part of the block begun at `start`: content lines
    /// indented more than `column`, with comments and blank lines between them, stopping before
    /// `limit` (a 1-based line number) when given. Trailing comments and blank lines stay outside.
    private static func lastContentLine(
        in lines: [String], after start: Int, deeperThan column: Int, before limit: Int?
    )
        -> Int
    {
        let stop = min(lines.count, (limit ?? lines.count + 1) - 1)
        var last = start
        var index = start + 1
        while index < stop {
            let line = lines[index]
            if !isBlankOrComment(line) {
                if indentation(line) <= column { break }
                last = index
            }
            index += 1
        }
        return last
    }

    private static func indentation(_ line: String) -> Int {
        line.prefix { $0 == " " }.count
    }

    private static func isBlankOrComment(_ line: String) -> Bool {
        let trimmed = line.drop { $0 == " " || $0 == "\t" }
        return trimmed.isEmpty || trimmed.hasPrefix("#")
    }
}

/// Receipt codes and report tickets the bot makes up when a dossier or report is filed, such as
/// `KS-7HM4QX-9`: a prefix, six characters of `ReceiptCode.alphabet` and a check character.
enum GeneratedCode {
    static let regex: NSRegularExpression = {
        let alphabet = String(ReceiptCode.alphabet)
        // The pattern is a constant, so building it cannot fail.
        return try! NSRegularExpression(pattern: "\\b([A-Z]{1,3})-[\(alphabet)]{6}-[\(alphabet)]\\b")
    }()

    /// Returns an anchored regular expression for `text` in which each code may be any code with
    /// the same prefix, or nil when the text has no code.
    static func pattern(for text: String) -> String? {
        let whole = NSRange(text.startIndex..., in: text)
        let found = regex.matches(in: text, range: whole)
        guard !found.isEmpty else { return nil }
        var pattern = "^"
        var cursor = text.startIndex
        for match in found {
            guard let range = Range(match.range, in: text), let prefix = Range(match.range(at: 1), in: text) else {
                continue
            }
            pattern += NSRegularExpression.escapedPattern(for: String(text[cursor..<range.lowerBound]))
            pattern += "\(text[prefix])-[A-Z0-9]{6}-[A-Z0-9]"
            cursor = range.upperBound
        }
        pattern += NSRegularExpression.escapedPattern(for: String(text[cursor...])) + "$"
        return pattern
    }
}
