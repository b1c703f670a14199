import Foundation
import MotCuaCore
import MotCuaStorage

extension AdminAPI {
    /// Lists conversations in handoff. Only `handoff=true` (or no `handoff` parameter) is served,
    /// because conversations the bot handles are not shown to officials.
    func listConversations(call: Call) throws(AdminError) -> AdminReply {
        let query = call.request.query
        if let handoff = query["handoff"], !handoff.isEmpty, handoff != "true" {
            throw AdminError(
                .badRequest, "tham số 'handoff': '\(handoff)' không hợp lệ; chỉ dùng được handoff=true")
        }
        let (limit, offset) = try Self.page(query)
        do {
            let items = try store.handoffConversations(limit: limit, offset: offset).map { record in
                let state = try? JSONDecoder().decode(ConversationState.self, from: record.state)
                return AdminJSON.ConversationBody(
                    channel: record.id.channel.rawValue, userId: record.id.userID, handoff: record.handoff,
                    updatedAt: record.updatedAt, flowId: state?.flowID, stepId: state?.stepID)
            }
            return AdminReply(
                kind: .ok, body: AdminJSON.encode(AdminJSON.ListBody(items: items, limit: limit, offset: offset)))
        } catch {
            throw storeFailure(error, "listing conversations failed", call: call)
        }
    }

    /// Queues an official's message to a citizen whose conversation is in handoff; 409 otherwise.
    func sendMessage(to conversation: ConversationID, call: Call) throws(AdminError) -> AdminReply {
        let object = try Self.jsonObject(call.request.body, allowed: ["text"])
        guard let text = try Self.text(object, "text") else {
            throw AdminError(.badRequest, "thiếu trường 'text' hoặc trường rỗng; gửi nội dung tin nhắn")
        }

        let outcome: Result<Int64, AdminError> = processor.runInLane(for: conversation) {
            do {
                guard let record = try store.loadConversation(conversation) else {
                    return .failure(
                        AdminError(
                            .notFound, "không có cuộc trò chuyện \(conversation); kiểm tra kênh và mã người dùng"))
                }
                guard record.handoff else {
                    return .failure(
                        AdminError(
                            .conflict,
                            "cuộc trò chuyện \(conversation) không ở chế độ cán bộ trả lời, bot đang trả lời; xem GET /api/conversations?handoff=true"
                        ))
                }
                return .success(try store.queueMessage(OutboundMessage(text: text), to: conversation, now: clock()))
            } catch {
                return .failure(storeFailure(error, "queueing an official's message failed", call: call))
            }
        }
        let outboxID = try outcome.get()
        onQueued()
        call.logger.info("admin message queued", ["conversation.id": "\(conversation)", "outbox.id": "\(outboxID)"])
        return AdminReply(kind: .accepted, body: AdminJSON.encode(AdminJSON.QueuedBody(outboxId: outboxID)))
    }

    /// Hands the conversation back to the bot. The engine clears the flag and adds the
    /// `handoff.ended` message, and the state and the bot's replies are saved together.
    func release(_ conversation: ConversationID, call: Call) throws(AdminError) -> AdminReply {
        let outcome: Result<Int, AdminError> = processor.runInLane(for: conversation) {
            do {
                guard let record = try store.loadConversation(conversation) else {
                    return .failure(
                        AdminError(
                            .notFound, "không có cuộc trò chuyện \(conversation); kiểm tra kênh và mã người dùng"))
                }
                guard record.handoff else {
                    return .failure(
                        AdminError(
                            .conflict,
                            "cuộc trò chuyện \(conversation) không ở chế độ cán bộ trả lời nên không cần trả lại cho bot"
                        ))
                }
                let state = try JSONDecoder().decode(ConversationState.self, from: record.state)
                let now = clock()
                let result = engine.setHandoff(false, state: state, now: now)
                let released = try EventProcessor.record(result.state, id: conversation, now: now)
                try store.saveConversation(released, replies: result.replies, now: now)
                return .success(result.replies.count)
            } catch {
                return .failure(storeFailure(error, "releasing a conversation failed", call: call))
            }
        }
        let replies = try outcome.get()
        onQueued()
        call.logger.info(
            "admin released conversation", ["conversation.id": "\(conversation)", "replies": "\(replies)"])
        return AdminReply(kind: .ok, body: AdminJSON.encode(AdminJSON.ReleasedBody(replies: replies)))
    }
}
