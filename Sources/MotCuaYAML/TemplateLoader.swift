import Foundation
import MotCuaCore

/// The flows and messages of a templates folder, checked and ready for the engine.
public struct Templates: Sendable {
    public var catalog: FlowCatalog
    public var messages: MessageCatalog
    public var folder: String
    /// Each loaded flow file's bytes by flow id, for keeping old versions in the store.
    public var flowSources: [String: [UInt8]] = [:]
    /// Communes and wards for `commune` questions, from `communes.yaml` when present.
    public var communes: CommuneDirectory?
    /// Procedures for `procedure` questions, from `procedures/*.yaml`; empty without that folder.
    public var procedures = ProcedureCatalog()
}

/// Reads `flows/*.yaml`, `messages/<lang>.yaml`, `communes.yaml` and `procedures/*.yaml` from a
/// templates folder.
public enum TemplateLoader {
    /// Loads the folder, or throws `FlowErrors` with every problem `motcua lint` reports for it,
    /// so that a server never starts on templates that fail the lint.
    public static func load(folder: String, language: String = "vi") throws -> Templates {
        let check = TemplateLinter.check(folder: folder, language: language)
        guard check.errors.isEmpty else { throw FlowErrors(errors: check.errors) }
        return Templates(
            catalog: FlowCatalog(flows: check.flows), messages: check.messages, folder: folder,
            flowSources: check.flowSources, communes: check.communes, procedures: check.procedures ?? ProcedureCatalog()
        )
    }

    /// Parses an earlier version of a flow file, kept in the store, so that conversations that
    /// started on it can finish on it.
    public static func loadVersion(_ bytes: [UInt8], source: String) throws -> Flow {
        let root = try TemplateLinter.parse(bytes, path: source)
        return try FlowLoader.load(root, source: source, version: FlowLoader.version(of: bytes))
    }
}
