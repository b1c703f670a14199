import Foundation
import Testing

@testable import MotCuaCore

/// The hand-written state encoding against `JSONEncoder` with sorted keys, which stored states
/// were written with.
struct ConversationStateJSONTests {
    static func encodedByFoundation(_ state: ConversationState) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return String(decoding: try encoder.encode(state), as: UTF8.self)
    }

    static var awkwardText: String {
        let controls = String(String.UnicodeScalarView((0..<0x20).compactMap(Unicode.Scalar.init)))
        return "a/b \"q\" \\ é ễ 😀 \u{7F} \u{2028} </script> " + controls
    }

    static var states: [ConversationState] {
        var empty = ConversationState()
        empty.lastActivity = nil

        var running = ConversationState()
        running.flowID = "dang-ky-khai-sinh"
        running.flowVersion = "3"
        running.stepID = "ho_ten"
        running.retries = 2
        running.history = ["thu_tuc", "ngay_sinh"]
        running.buttons = [ReplyButton(title: "Có", value: "yes"), ReplyButton(title: awkwardText, value: "x/y")]
        running.handoff = true
        running.lastActivity = Date(timeIntervalSinceReferenceDate: 794_123_456.789)
        running.slots = [
            "ho_ten": SlotValue(value: "Nguyễn Văn An", display: "Nguyễn Văn An"),
            "a10": SlotValue(value: "10", display: "10"), "a9": SlotValue(value: "9", display: "9"),
            "B": SlotValue(value: "upper", display: "upper"), "b": SlotValue(value: "lower", display: "lower"),
            "_x": SlotValue(value: "", display: ""), "ảnh": SlotValue(value: awkwardText, display: "1 ảnh"),
        ]

        var nested = running
        nested.returnToStep = "xac_nhan"
        nested.choosingFix = true
        nested.askingResume = true
        nested.lastActivity = Date(timeIntervalSinceReferenceDate: 794_123_456)
        nested.callStack = [
            CallFrame(flowID: "menu", flowVersion: "1", stepID: "chon", history: ["a", "b"]),
            CallFrame(flowID: "tim-thu-tuc", flowVersion: "2", stepID: "goi", history: []),
        ]
        nested.savedDraft = DraftSnapshot(
            rootFlowID: "phan-anh", flowID: "phan-anh", flowVersion: nil, stepID: "mo_ta",
            slots: ["mo_ta": SlotValue(value: awkwardText, display: awkwardText)], history: ["vi_tri"],
            callStack: nested.callStack)

        var other = nested
        other.savedDraft?.flowVersion = "7"
        other.savedDraft?.stepID = nil
        other.lastActivity = Date(timeIntervalSinceReferenceDate: -0.000123)
        return [empty, running, nested, other]
    }

    @Test func encodingMatchesJSONEncoder() throws {
        for state in Self.states {
            let expected = try Self.encodedByFoundation(state)
            #expect(String(decoding: state.sortedKeyJSON(), as: UTF8.self) == expected)
        }
    }

    @Test(arguments: [0.0, 1.5, 794_123_456.0, 794_123_456.123, 1e21, 1e-7, 0.1 + 0.2, -3.0, 1e16, 1.25e-300])
    func datesMatchJSONEncoder(seconds: Double) throws {
        var state = ConversationState()
        state.lastActivity = Date(timeIntervalSinceReferenceDate: seconds)
        #expect(String(decoding: state.sortedKeyJSON(), as: UTF8.self) == (try Self.encodedByFoundation(state)))
    }

    @Test func encodingDecodesToSameState() throws {
        for state in Self.states {
            let decoded = try JSONDecoder().decode(ConversationState.self, from: state.sortedKeyJSON())
            #expect(decoded == state)
        }
    }

    @Test func encodingKeepsFlowAndHandoffMarkers() {
        var state = ConversationState()
        state.flowID = "menu"
        state.stepID = "chon"
        state.handoff = true
        let text = String(decoding: state.sortedKeyJSON(), as: UTF8.self)
        #expect(text.contains("\"flowID\":\"menu\""))
        #expect(text.contains("\"handoff\":true"))
    }
}
