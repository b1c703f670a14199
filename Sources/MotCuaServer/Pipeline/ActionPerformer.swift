import Foundation
import MotCuaCore
import MotCuaCrypto
import MotCuaStorage

/// Performs the built-in actions a flow requests and returns their results as slots.
struct ActionPerformer: Sendable {
    let logger: Logger

    /// Runs `request`; dossiers to insert with the processing commit are appended to `dossiers`.
    func perform(
        _ request: ActionRequest, conversation: ConversationID, now: Date, dossiers: inout [Dossier]
    ) -> [String: String] {
        switch request.name {
        case "submit_dossier":
            let prefix = Self.receiptPrefix(flowID: request.flowID)
            let random = (0..<6).map { _ in SecureRandom.uniform(UInt32(ReceiptCode.alphabet.count)) }
            let code = ReceiptCode.make(prefix: prefix, random: random)
            dossiers.append(
                Dossier(
                    receiptCode: code, flowID: request.flowID, flowVersion: request.flowVersion,
                    conversationID: conversation, answers: request.slots.mapValues(\.value), createdAt: now))
            logger.info(
                "dossier submitted",
                ["dossier.code": code, "flow.id": request.flowID, "conversation.id": "\(conversation)"])
            return ["ma_ho_so": code]
        default:
            // NOTE: other built-in actions (reports, status, subscriptions) are not implemented yet;
            // the flow continues without results.
            logger.warning("unknown action skipped", ["action": request.name, "flow.id": request.flowID])
            return [:]
        }
    }

    /// Two letters from the flow id's last two words, e.g. `dang-ky-khai-sinh` → `KS`.
    static func receiptPrefix(flowID: String) -> String {
        let words = flowID.split(separator: "-").suffix(2)
        let letters = words.compactMap(\.first).map { $0.uppercased() }.joined()
        // The prefix is fixed per flow, so S and B are allowed there although the random part
        // leaves them out.
        let allowed = letters.filter { ReceiptCode.alphabet.contains($0) || $0 == "S" || $0 == "B" }
        return allowed.isEmpty ? "HS" : allowed
    }
}
