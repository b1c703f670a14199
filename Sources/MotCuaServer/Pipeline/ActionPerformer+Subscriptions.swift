import Foundation
import MotCuaCore
import MotCuaStorage

extension ActionPerformer {
    /// Saves the conversation's subscription from the `xa` and `chu_de` slots. Topic values not in
    /// `Subscription.topics` are dropped; when none remains, every topic is chosen.
    func subscribe(
        _ slots: [String: String], conversation: ConversationID, now: Date, effects: inout ActionEffects
    ) -> [String: String] {
        let requested = Set(
            (slots["chu_de"] ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).lowercased() })
        var topics = Subscription.topics.filter(requested.contains)
        if topics.isEmpty {
            topics = Subscription.topics
        }
        let commune = Self.trimmed(slots["xa"]) ?? ""

        effects.subscription = .save(
            Subscription(conversationID: conversation, commune: commune, topics: topics, createdAt: now))
        logger.info(
            "subscription saved",
            ["topics": topics.joined(separator: ","), "conversation.id": "\(conversation)"])

        let labels = topics.map { messages.text("topic.\($0)") }.joined(separator: "; ")
        let area = commune.isEmpty ? messages.text("subscribe.whole_province") : commune
        return ["dang_ky": messages.text("subscribe.done", ["topics": labels, "commune": area])]
    }
}
