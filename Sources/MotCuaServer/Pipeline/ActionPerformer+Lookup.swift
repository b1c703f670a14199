import Foundation
import MotCuaCore
import MotCuaStorage

extension ActionPerformer {
    /// Finds a dossier or report by its code and describes its status.
    ///
    /// Anyone holding a code may look it up, like a parcel tracking number, so the sentence names
    /// only the kind, the code, the procedure, the status and the official's latest note, never the
    /// citizen's answers.
    func lookUpStatus(code typed: String, conversation: ConversationID) throws -> [String: String] {
        let typedCode = typed.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !typedCode.isEmpty else {
            return notFound(messages.text("lookup.empty"), reason: "empty", conversation: conversation)
        }
        guard let code = CaseCode.normalized(typedCode) else {
            return notFound(
                messages.text("lookup.not_found", ["code": typedCode]), reason: "malformed", conversation: conversation)
        }
        guard ReceiptCode.isValid(code) else {
            return notFound(
                messages.text("lookup.mistyped", ["code": code]), reason: "mistyped", conversation: conversation)
        }

        // Report tickets start with PA; a dossier prefix could too, so both tables are searched.
        let reportFirst = code.hasPrefix("PA-")
        if reportFirst, let sentence = try describeReport(code) {
            return found(sentence, kind: .report, code: code, conversation: conversation)
        }
        if let sentence = try describeDossier(code) {
            return found(sentence, kind: .dossier, code: code, conversation: conversation)
        }
        if !reportFirst, let sentence = try describeReport(code) {
            return found(sentence, kind: .report, code: code, conversation: conversation)
        }
        return notFound(
            messages.text("lookup.not_found", ["code": code]), reason: "unknown", conversation: conversation)
    }

    private func describeDossier(_ code: String) throws -> String? {
        guard let dossier = try store.dossier(receiptCode: code) else { return nil }
        let title = catalog.flow(dossier.flowID)?.title ?? dossier.flowID
        let sentence = messages.text(
            "lookup.dossier", ["code": code, "title": title, "status": statusLabel(dossier.status)])
        return try withLatestNote(sentence, kind: .dossier, code: code)
    }

    private func describeReport(_ code: String) throws -> String? {
        guard let report = try store.report(ticket: code) else { return nil }
        let sentence = messages.text("lookup.report", ["code": code, "status": statusLabel(report.status)])
        return try withLatestNote(sentence, kind: .report, code: code)
    }

    /// Appends the note of the latest status change, when that change has one.
    private func withLatestNote(_ sentence: String, kind: CaseKind, code: String) throws -> String {
        guard let note = try store.statusHistory(kind: kind, code: code).last?.note, !note.isEmpty else {
            return sentence
        }
        return sentence + " " + messages.text("lookup.note", ["note": note])
    }

    /// Returns the Vietnamese label of a stored status, or the stored key when it is not a known status.
    func statusLabel(_ status: String) -> String {
        CaseStatus(rawValue: status).map { messages.text($0.labelKey) } ?? status
    }

    private func found(_ sentence: String, kind: CaseKind, code: String, conversation: ConversationID)
        -> [String: String]
    {
        logger.info("status looked up", ["\(kind.rawValue).code": code, "conversation.id": "\(conversation)"])
        return ["tim_thay": "yes", "ket_qua_tra_cuu": sentence]
    }

    private func notFound(_ sentence: String, reason: String, conversation: ConversationID) -> [String: String] {
        logger.info("status lookup found nothing", ["reason": reason, "conversation.id": "\(conversation)"])
        return ["tim_thay": "no", "ket_qua_tra_cuu": sentence]
    }
}
