/// The Zalo webhook events that carry something a citizen did, by `event_name`.
enum ZaloEventKind: Equatable {
    case text
    case image
    case location
    case file
    case sticker
    case follow
    case unfollow
    case submitInfo
    /// Content the bot cannot read. `kind` becomes `InboundContent.unsupported(kind:)`.
    case unsupported(kind: String)

    /// Returns nil for events the bot does not act on: `oa_send_*` echoes of the OA's own
    /// messages, `user_received_message` and `user_seen_message` receipts, and unknown names.
    init?(eventName: String) {
        switch eventName {
        case "user_send_text": self = .text
        case "user_send_image": self = .image
        case "user_send_location": self = .location
        case "user_send_file": self = .file
        case "user_send_sticker": self = .sticker
        case "follow": self = .follow
        case "unfollow": self = .unfollow
        case "user_submit_info": self = .submitInfo
        case "user_send_audio": self = .unsupported(kind: "audio")
        case "user_send_video": self = .unsupported(kind: "video")
        case "user_send_gif": self = .unsupported(kind: "gif")
        case "user_send_link": self = .unsupported(kind: "link")
        // Some sources name the business card event user_send_contact.
        case "user_send_business_card", "user_send_contact": self = .unsupported(kind: "business_card")
        default: return nil
        }
    }

    /// Follow events name the user in `follower.id` and have no `sender`.
    var userIDPath: [String] {
        switch self {
        case .follow, .unfollow: ["follower", "id"]
        default: ["sender", "id"]
        }
    }
}
