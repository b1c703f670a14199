import Foundation
import MotCuaCore
import MotCuaStorage

extension AdminAPI {
    /// Returns a page of the conversation's messages in both directions, oldest first. The messages
    /// contain personal data, so they go to the caller only and the log gets ids and counts.
    func readTranscript(of conversation: ConversationID, call: Call) throws(AdminError) -> AdminReply {
        let query = call.request.query
        let limit = try Self.limit(query)
        var before: TranscriptEntry.ID?
        if let text = query["before"], !text.isEmpty {
            guard let id = TranscriptEntry.ID(text) else {
                throw AdminError(
                    .badRequest, "tham số 'before': '\(text)' không hợp lệ; dùng mã tin nhắn, ví dụ in-12")
            }
            before = id
        }

        // Requesting one message more than the page shows whether an older page exists.
        let found: [TranscriptEntry]?
        do {
            found = try store.transcript(of: conversation, before: before, limit: limit + 1)
        } catch let error as StorageError where error.code == .notFound {
            throw AdminError(
                .badRequest,
                "tham số 'before': '\(before?.description ?? "")' không phải tin nhắn của cuộc trò chuyện "
                    + "\(conversation); dùng 'before' từ trang trước")
        } catch {
            throw storeFailure(error, "reading a transcript failed", call: call)
        }
        guard var entries = found else {
            throw AdminError(.notFound, "không có cuộc trò chuyện \(conversation); kiểm tra kênh và mã người dùng")
        }
        let hasOlder = entries.count > limit
        if hasOlder {
            entries.removeFirst()
        }

        call.logger.info(
            "admin transcript read",
            [
                "conversation.id": "\(conversation)", "messages": "\(entries.count)",
                "before": before?.description ?? "",
            ])
        let body = AdminJSON.TranscriptBody(
            items: entries.map(Self.transcriptItem), limit: limit,
            nextBefore: hasOlder ? entries.first?.id.description : nil)
        return AdminReply(kind: .ok, body: AdminJSON.encode(body))
    }

    static func transcriptItem(_ entry: TranscriptEntry) -> AdminJSON.TranscriptItemBody {
        var item = AdminJSON.TranscriptItemBody(
            id: entry.id.description, direction: entry.id.direction.rawValue, at: entry.at, kind: "text")

        switch entry.content {
        case .outbound(let message, let status):
            item.text = message.text
            item.status = status.rawValue
            if !message.buttons.isEmpty {
                item.buttons = message.buttons.map { AdminJSON.ButtonBody(title: $0.title, value: $0.value) }
            }
        case .inbound(.text(let text)):
            item.text = text
        case .inbound(.button(let value)):
            item.kind = "button"
            item.text = value
        case .inbound(.image(let url, let caption)):
            item.kind = "image"
            item.url = url
            item.text = caption
        case .inbound(.file(let url, let name)):
            item.kind = "file"
            item.url = url
            item.fileName = name
        case .inbound(.location(let latitude, let longitude)):
            item.kind = "location"
            item.latitude = latitude
            item.longitude = longitude
        case .inbound(.sticker(let id)):
            item.kind = "sticker"
            item.stickerId = id
        case .inbound(.follow):
            item.kind = "follow"
        case .inbound(.unfollow):
            item.kind = "unfollow"
        case .inbound(.submittedInfo(let fields)):
            item.kind = "submitted_info"
            item.fields = fields
        case .inbound(.unsupported(let kind)):
            item.kind = "unsupported"
            item.unsupportedKind = kind
        }
        return item
    }
}
