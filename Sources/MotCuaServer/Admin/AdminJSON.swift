import Foundation
import MotCuaCore
import MotCuaStorage

/// The JSON bodies of the admin API. Keys are snake_case and dates ISO 8601 in UTC.
enum AdminJSON {
    struct StatusChangeBody: Encodable {
        var status: String
        var statusLabel: String
        var note: String?
        var role: String
        var at: Date
    }

    struct DossierBody: Encodable {
        var code: String
        var flowId: String
        var flowVersion: String
        var status: String
        var statusLabel: String
        var channel: String
        var userId: String
        var createdAt: Date
        /// Present only when one dossier is read.
        var answers: [String: String]?
        var history: [StatusChangeBody]?
    }

    struct ReportBody: Encodable {
        var ticket: String
        var category: String
        var description: String
        var photoUrls: [String]
        var location: String?
        var address: String?
        var commune: String?
        var contact: String?
        var status: String
        var statusLabel: String
        var channel: String
        var userId: String
        var createdAt: Date
        var history: [StatusChangeBody]?
    }

    struct ConversationBody: Encodable {
        var channel: String
        var userId: String
        var handoff: Bool
        var updatedAt: Date
        var flowId: String?
        var stepId: String?
    }

    struct ListBody<Item: Encodable>: Encodable {
        var items: [Item]
        var limit: Int
        var offset: Int
    }

    struct ButtonBody: Encodable {
        var title: String
        var value: String
    }

    /// One message of a transcript. Only the fields of its `kind` are present. `text` is a text, a
    /// button's value or an image caption, `url` belongs to images and files, and `status` and
    /// `buttons` belong to replies.
    struct TranscriptItemBody: Encodable {
        var id: String
        var direction: String
        var at: Date
        var kind: String
        var text: String?
        var status: String?
        var buttons: [ButtonBody]?
        var url: String?
        var fileName: String?
        var latitude: Double?
        var longitude: Double?
        var stickerId: String?
        var fields: [String: String]?
        var unsupportedKind: String?
    }

    /// A page of a transcript, oldest first. `nextBefore` is the `before` value that requests the
    /// older messages, and is absent when no older message exists.
    struct TranscriptBody: Encodable {
        var items: [TranscriptItemBody]
        var limit: Int
        var nextBefore: String?
    }

    struct QueuedBody: Encodable {
        var status = "queued"
        var outboxId: Int64
    }

    struct ReleasedBody: Encodable {
        var status = "released"
        var handoff = false
        var replies: Int
    }

    struct ErrorBody: Encodable {
        var error: String
        /// The same text as `error`: a Vietnamese message for officials that names the value and the fix.
        var message: String?
    }

    /// Encodes `value`, or returns an error body when the encoder throws.
    static func encode<Value: Encodable>(_ value: Value) -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.dateEncodingStrategy = .iso8601
        guard let data = try? encoder.encode(value) else {
            return Array(#"{"error":"encoding the response failed"}"#.utf8)
        }
        return Array(data)
    }

    static func dossier(_ dossier: Dossier, label: String, history: [StatusChangeBody]?) -> DossierBody {
        DossierBody(
            code: dossier.receiptCode, flowId: dossier.flowID, flowVersion: dossier.flowVersion,
            status: dossier.status, statusLabel: label, channel: dossier.conversationID.channel.rawValue,
            userId: dossier.conversationID.userID, createdAt: dossier.createdAt,
            answers: history == nil ? nil : dossier.answers, history: history)
    }

    static func report(_ report: FieldReport, label: String, history: [StatusChangeBody]?) -> ReportBody {
        ReportBody(
            ticket: report.ticket, category: report.category, description: report.description,
            photoUrls: report.photoURLs, location: report.location, address: report.address,
            commune: report.commune, contact: report.contact, status: report.status, statusLabel: label,
            channel: report.conversationID.channel.rawValue, userId: report.conversationID.userID,
            createdAt: report.createdAt, history: history)
    }
}
