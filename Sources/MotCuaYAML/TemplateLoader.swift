import Foundation
import MotCuaCore

/// The flows and messages of a templates folder, checked and ready for the engine.
public struct Templates: Sendable {
    public var catalog: FlowCatalog
    public var messages: MessageCatalog
    public var folder: String
}

/// Reads `flows/*.yaml` and `messages/<lang>.yaml` from a templates folder.
public enum TemplateLoader {
    /// Loads the folder, or throws `FlowErrors` with every problem `motcua lint` reports for it,
    /// so that a server never starts on templates that fail the lint.
    public static func load(folder: String, language: String = "vi") throws -> Templates {
        let check = TemplateLinter.check(folder: folder, language: language)
        guard check.errors.isEmpty else { throw FlowErrors(errors: check.errors) }
        return Templates(catalog: FlowCatalog(flows: check.flows), messages: check.messages, folder: folder)
    }
}
