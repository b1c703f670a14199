import Foundation

/// A hand-written JSON encoding of the state that gives the bytes `JSONEncoder` gives with
/// `.sortedKeys` and the default date strategy. Keys come in sorted order, nil optionals are left
/// out, a date is its seconds since 2001-01-01 as `Double.description` writes them without a
/// trailing ".0", and strings are escaped as `JSONEncoder` escapes them, "/" included. Readers of
/// stored states, such as the handoff index and the depth query that looks for `"flowID":"`, see
/// the same bytes, and `JSONDecoder` reads them back.
extension ConversationState {
    /// Returns the state as JSON with sorted keys, equal byte for byte to `JSONEncoder`'s output
    /// with `.sortedKeys`.
    public func sortedKeyJSON() -> Data {
        var writer = JSONWriter()
        writer.write(self)
        return Data(writer.bytes)
    }
}

/// Appends JSON text to a byte buffer.
struct JSONWriter {
    private(set) var bytes: [UInt8] = []

    init() {
        bytes.reserveCapacity(1024)
    }

    mutating func write(_ state: ConversationState) {
        var first = true
        open()
        member("askingResume", &first)
        write(state.askingResume)
        member("buttons", &first)
        writeArray(state.buttons) { $0.write($1) }
        member("callStack", &first)
        writeArray(state.callStack) { $0.write($1) }
        member("choosingFix", &first)
        write(state.choosingFix)
        if let flowID = state.flowID {
            member("flowID", &first)
            write(flowID)
        }
        if let flowVersion = state.flowVersion {
            member("flowVersion", &first)
            write(flowVersion)
        }
        member("handoff", &first)
        write(state.handoff)
        member("history", &first)
        writeArray(state.history) { $0.write($1) }
        if let lastActivity = state.lastActivity {
            member("lastActivity", &first)
            write(lastActivity)
        }
        member("retries", &first)
        write(state.retries)
        if let returnToStep = state.returnToStep {
            member("returnToStep", &first)
            write(returnToStep)
        }
        if let savedDraft = state.savedDraft {
            member("savedDraft", &first)
            write(savedDraft)
        }
        member("slots", &first)
        write(state.slots)
        if let stepID = state.stepID {
            member("stepID", &first)
            write(stepID)
        }
        close()
    }

    mutating func write(_ button: ReplyButton) {
        var first = true
        open()
        member("title", &first)
        write(button.title)
        member("value", &first)
        write(button.value)
        close()
    }

    mutating func write(_ frame: CallFrame) {
        var first = true
        open()
        member("flowID", &first)
        write(frame.flowID)
        member("flowVersion", &first)
        write(frame.flowVersion)
        member("history", &first)
        writeArray(frame.history) { $0.write($1) }
        member("stepID", &first)
        write(frame.stepID)
        close()
    }

    mutating func write(_ draft: DraftSnapshot) {
        var first = true
        open()
        member("callStack", &first)
        writeArray(draft.callStack) { $0.write($1) }
        member("flowID", &first)
        write(draft.flowID)
        if let flowVersion = draft.flowVersion {
            member("flowVersion", &first)
            write(flowVersion)
        }
        member("history", &first)
        writeArray(draft.history) { $0.write($1) }
        member("rootFlowID", &first)
        write(draft.rootFlowID)
        member("slots", &first)
        write(draft.slots)
        if let stepID = draft.stepID {
            member("stepID", &first)
            write(stepID)
        }
        close()
    }

    mutating func write(_ slots: [String: SlotValue]) {
        var first = true
        open()
        for (name, slot) in slots.sorted(by: { Self.keyPrecedes($0.key, $1.key) }) {
            member(name, &first)
            var slotFirst = true
            open()
            member("display", &slotFirst)
            write(slot.display)
            member("value", &slotFirst)
            write(slot.value)
            close()
        }
        close()
    }

    mutating func writeArray<Element>(_ elements: [Element], _ writeElement: (inout JSONWriter, Element) -> Void) {
        bytes.append(UInt8(ascii: "["))
        for (position, element) in elements.enumerated() {
            if position > 0 { bytes.append(UInt8(ascii: ",")) }
            writeElement(&self, element)
        }
        bytes.append(UInt8(ascii: "]"))
    }

    mutating func write(_ flag: Bool) {
        bytes.append(contentsOf: flag ? "true".utf8 : "false".utf8)
    }

    mutating func write(_ number: Int) {
        bytes.append(contentsOf: String(number).utf8)
    }

    /// Writes a date as `Date`'s own `Encodable` conformance and `JSONEncoder` do.
    mutating func write(_ date: Date) {
        var text = date.timeIntervalSinceReferenceDate.description
        if text.hasSuffix(".0") { text.removeLast(2) }
        bytes.append(contentsOf: text.utf8)
    }

    mutating func write(_ string: String) {
        bytes.append(UInt8(ascii: "\""))
        for byte in string.utf8 {
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"):
                bytes.append(UInt8(ascii: "\\"))
                bytes.append(byte)
            case 0x0A: escape(UInt8(ascii: "n"))
            case 0x0D: escape(UInt8(ascii: "r"))
            case 0x09: escape(UInt8(ascii: "t"))
            case 0x08: escape(UInt8(ascii: "b"))
            case 0x0C: escape(UInt8(ascii: "f"))
            case 0x00..<0x20:
                bytes.append(contentsOf: "\\u00".utf8)
                bytes.append(Self.hexDigits[Int(byte >> 4)])
                bytes.append(Self.hexDigits[Int(byte & 0x0F)])
            default:
                bytes.append(byte)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    /// Returns whether `lhs` comes before `rhs` in the key order of `.sortedKeys`. The tests compare
    /// slot names with digits, capitals, underscores and diacritics against `JSONEncoder`.
    static func keyPrecedes(_ lhs: String, _ rhs: String) -> Bool {
        lhs < rhs
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    private mutating func escape(_ letter: UInt8) {
        bytes.append(UInt8(ascii: "\\"))
        bytes.append(letter)
    }

    private mutating func open() {
        bytes.append(UInt8(ascii: "{"))
    }

    private mutating func close() {
        bytes.append(UInt8(ascii: "}"))
    }

    /// Writes a comma unless this is the object's first member, then the quoted key and a colon.
    private mutating func member(_ key: String, _ first: inout Bool) {
        if !first { bytes.append(UInt8(ascii: ",")) }
        first = false
        write(key)
        bytes.append(UInt8(ascii: ":"))
    }
}
