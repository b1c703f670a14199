import Foundation
import MotCuaCore
import MotCuaCrypto
import MotCuaStorage

/// Performs the built-in actions a flow requests and returns their results as slots.
///
/// Actions run inside the conversation's processing lane. They may read the store; their writes
/// are collected in `ActionEffects` and committed with the event.
struct ActionPerformer: Sendable {
    let store: any Store
    let messages: MessageCatalog
    let catalog: FlowCatalog
    let logger: Logger

    /// Runs `request` and returns its result slots; writes it requests are added to `effects`.
    /// Throws when reading the store fails, so the event is processed again later.
    func perform(
        _ request: ActionRequest, conversation: ConversationID, now: Date, effects: inout ActionEffects
    ) throws -> [String: String] {
        try perform(
            request.name, flow: (request.flowID, request.flowVersion), slots: request.slots.mapValues(\.value),
            conversation: conversation, now: now, effects: &effects)
    }

    /// Runs the action `name` of the flow at `flow.version` with the slot values collected so far.
    func perform(
        _ name: String, flow: (id: String, version: String), slots: [String: String], conversation: ConversationID,
        now: Date, effects: inout ActionEffects
    ) throws -> [String: String] {
        switch name {
        case "submit_dossier":
            return submitDossier(slots, flow: flow, conversation: conversation, now: now, effects: &effects)
        case "create_report":
            return createReport(slots, conversation: conversation, now: now, effects: &effects)
        case "lookup_status":
            return try lookUpStatus(code: slots["ma_tra_cuu"] ?? "", conversation: conversation)
        case "subscribe":
            return subscribe(slots, conversation: conversation, now: now, effects: &effects)
        case "unsubscribe":
            effects.subscription = .delete
            logger.info("subscription deleted", ["conversation.id": "\(conversation)"])
            return [:]
        case "delete_my_data":
            effects.deletesCitizenData = true
            logger.info("citizen data deletion requested", ["conversation.id": "\(conversation)"])
            return ["da_xoa": messages.text("delete_data.done")]
        case "calculate_copy_fee":
            return copyFee(slots, flowID: flow.id)
        default:
            logger.warning("unknown action skipped", ["action": name, "flow.id": flow.id])
            return [:]
        }
    }

    private func submitDossier(
        _ slots: [String: String], flow: (id: String, version: String), conversation: ConversationID, now: Date,
        effects: inout ActionEffects
    ) -> [String: String] {
        let code = Self.newCode(prefix: Self.receiptPrefix(flowID: flow.id))
        effects.dossiers.append(
            Dossier(
                receiptCode: code, flowID: flow.id, flowVersion: flow.version, conversationID: conversation,
                answers: slots, createdAt: now))
        logger.info(
            "dossier submitted", ["dossier.code": code, "flow.id": flow.id, "conversation.id": "\(conversation)"])
        return ["ma_ho_so": code]
    }

    private func createReport(
        _ slots: [String: String], conversation: ConversationID, now: Date, effects: inout ActionEffects
    ) -> [String: String] {
        let description = Self.trimmed(slots["mo_ta"]) ?? ""
        guard !description.isEmpty else {
            // The flow must ask for mo_ta before create_report; without it there is nothing to file.
            logger.warning("report without description skipped", ["conversation.id": "\(conversation)"])
            return ["ma_phan_anh": ""]
        }
        let photos = (slots["anh"] ?? "").split(whereSeparator: \.isNewline)
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        let ticket = Self.newCode(prefix: "PA")
        effects.reports.append(
            FieldReport(
                ticket: ticket, category: Self.trimmed(slots["danh_muc"]) ?? "", description: description,
                photoURLs: photos, location: Self.trimmed(slots["vi_tri"]), address: Self.trimmed(slots["dia_chi"]),
                commune: Self.trimmed(slots["xa"]), contact: Self.trimmed(slots["lien_he"]),
                conversationID: conversation, createdAt: now))
        logger.info(
            "report created",
            ["report.ticket": ticket, "photos": "\(photos.count)", "conversation.id": "\(conversation)"])
        return ["ma_phan_anh": ticket]
    }

    private func copyFee(_ slots: [String: String], flowID: String) -> [String: String] {
        guard let pages = Int(slots["so_trang"] ?? ""), let copies = Int(slots["so_ban"] ?? "1") else {
            logger.warning("copy fee needs whole numbers of pages and copies", ["flow.id": flowID])
            return ["le_phi": "", "le_phi_so": ""]
        }
        let fee = CopyFee.total(pages: pages, copies: copies)
        return ["le_phi": CopyFee.formatted(fee), "le_phi_so": String(fee)]
    }

    /// Makes a new receipt code with random characters from the CSPRNG.
    static func newCode(prefix: String) -> String {
        let random = (0..<6).map { _ in SecureRandom.uniform(UInt32(ReceiptCode.alphabet.count)) }
        return ReceiptCode.make(prefix: prefix, random: random)
    }

    /// Returns the value without surrounding spaces, or nil when nothing remains.
    static func trimmed(_ value: String?) -> String? {
        guard let text = value?.trimmingCharacters(in: .whitespacesAndNewlines), !text.isEmpty else { return nil }
        return text
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
