import Foundation
import MotCuaCore
import MotCuaStorage

extension AdminAPI {
    func listCases(_ kind: CaseKind, call: Call) throws(AdminError) -> AdminReply {
        let filter = try Self.caseFilter(call.request.query)
        do {
            switch kind {
            case .dossier:
                let items = try store.dossiers(matching: filter).map { dossier in
                    AdminJSON.dossier(dossier, label: statusLabel(dossier.status), history: nil)
                }
                return AdminReply(
                    kind: .ok,
                    body: AdminJSON.encode(AdminJSON.ListBody(items: items, limit: filter.limit, offset: filter.offset))
                )
            case .report:
                let items = try store.reports(matching: filter).map { report in
                    AdminJSON.report(report, label: statusLabel(report.status), history: nil)
                }
                return AdminReply(
                    kind: .ok,
                    body: AdminJSON.encode(AdminJSON.ListBody(items: items, limit: filter.limit, offset: filter.offset))
                )
            }
        } catch {
            throw storeFailure(error, "listing \(kind.rawValue)s failed", call: call)
        }
    }

    func readCase(_ kind: CaseKind, code: String, call: Call) throws(AdminError) -> AdminReply {
        do {
            let history = try store.statusHistory(kind: kind, code: code).map(historyBody)
            switch kind {
            case .dossier:
                guard let dossier = try store.dossier(receiptCode: code) else { throw notFound(kind, code) }
                return AdminReply(
                    kind: .ok,
                    body: AdminJSON.encode(
                        AdminJSON.dossier(dossier, label: statusLabel(dossier.status), history: history)))
            case .report:
                guard let report = try store.report(ticket: code) else { throw notFound(kind, code) }
                return AdminReply(
                    kind: .ok,
                    body: AdminJSON.encode(
                        AdminJSON.report(report, label: statusLabel(report.status), history: history)))
            }
        } catch let error as AdminError {
            throw error
        } catch {
            throw storeFailure(error, "reading a \(kind.rawValue) failed", call: call)
        }
    }

    /// Stores the new status with the note and queues the citizen's notification in one transaction.
    func updateCase(_ kind: CaseKind, code: String, call: Call) throws(AdminError) -> AdminReply {
        let object = try Self.jsonObject(call.request.body, allowed: ["status", "note"])
        guard let statusName = try Self.text(object, "status") else {
            throw AdminError(.badRequest, "thiếu trường 'status'; dùng một trong \(Self.statusNames)")
        }
        guard let status = CaseStatus(rawValue: statusName) else {
            throw AdminError(
                .badRequest, "trường 'status': '\(statusName)' không hợp lệ; dùng một trong \(Self.statusNames)")
        }
        let note = try Self.text(object, "note")

        let change = StatusChange(
            kind: kind, code: code, status: status, note: note, officialRole: call.role.rawValue, changedAt: clock())
        let notification = OutboundMessage(text: notificationText(change))
        let owner: ConversationID
        do {
            owner = try store.recordStatusChange(change, notification: notification)
        } catch let error as StorageError where error.code == .notFound {
            throw notFound(kind, code)
        } catch {
            throw storeFailure(error, "recording a status change failed", call: call)
        }
        onQueued()
        call.logger.info(
            "admin status changed",
            [
                "\(kind.rawValue).code": code, "status": status.rawValue, "note.present": note == nil ? "no" : "yes",
                "conversation.id": "\(owner)",
            ])
        return try readCase(kind, code: code, call: call)
    }

    /// "Hồ sơ KS-… của bác: Đang xử lý. Ghi chú: …", from the messages file.
    func notificationText(_ change: StatusChange) -> String {
        let key = change.kind == .dossier ? "notify.dossier" : "notify.report"
        let text = engine.messages.text(
            key, ["code": change.code, "status": engine.messages.text(change.status.labelKey)])
        guard let note = change.note else { return text }
        return text + " " + engine.messages.text("notify.note", ["note": note])
    }

    private func historyBody(_ change: StatusChange) -> AdminJSON.StatusChangeBody {
        AdminJSON.StatusChangeBody(
            status: change.status.rawValue, statusLabel: statusLabel(change.status.rawValue), note: change.note,
            role: change.officialRole, at: change.changedAt)
    }

    private func notFound(_ kind: CaseKind, _ code: String) -> AdminError {
        AdminError(.notFound, "không có \(kind == .dossier ? "hồ sơ" : "phản ánh") mã \(code); kiểm tra lại mã")
    }
}
