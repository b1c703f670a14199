import Foundation
import MotCuaCore

/// The flow and message files of a templates folder, what could be read from them, and every
/// problem found in them.
public struct TemplateCheck: Sendable {
    public var folder: String
    /// Flow files read, in name order.
    public var flowFiles: [String]
    /// Message files read (one per language).
    public var messageFiles: [String]
    /// Problems ordered by file, then line.
    public var errors: [FlowError]
    /// The flows read without problems.
    public var flows: [Flow]
    public var messages: MessageCatalog
    /// The bytes of each flow read without problems, by flow id.
    public var flowSources: [String: [UInt8]]
    /// The communes and wards of `communes.yaml`, when the folder has that file.
    public var communes: CommuneDirectory?
    /// Procedure files read, in name order.
    public var procedureFiles: [String]
    /// The procedures read without problems; nil when the folder has no `procedures` folder.
    public var procedures: ProcedureCatalog?
}

/// Reads `flows/*.yaml`, `messages/<language>.yaml`, `communes.yaml` and `procedures/*.yaml` from a
/// templates folder and reports every problem as `file:line: message`: YAML syntax, flow structure,
/// procedure fields, references across files, and the checks of `FlowLinter` and `MessageLinter`.
public enum TemplateLinter {
    /// Returns every problem found in the folder; an empty list means the templates are usable.
    public static func lint(folder: String, language: String = "vi") -> [FlowError] {
        check(folder: folder, language: language).errors
    }

    public static func check(folder: String, language: String = "vi") -> TemplateCheck {
        var errors: [FlowError] = []
        let flowsFolder = (folder as NSString).appendingPathComponent("flows")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: flowsFolder)) ?? []
        let flowFiles = names.sorted()
            .filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }
            .map { (flowsFolder as NSString).appendingPathComponent($0) }
        if flowFiles.isEmpty {
            errors.append(
                FlowError(file: flowsFolder, line: 0, message: "không có tệp kịch bản (*.yaml) nào trong thư mục này"))
        }

        var documents: [FlowDocument] = []
        var sources: [String: [UInt8]] = [:]
        for path in flowFiles {
            do {
                let bytes = try readBytes(path)
                let root = try parse(bytes, path: path)
                let (flow, flowErrors) = FlowLoader.read(root, source: path, version: FlowLoader.version(of: bytes))
                documents.append(FlowDocument(source: path, root: root, flow: flow, isValid: flowErrors.isEmpty))
                if let flow, flowErrors.isEmpty { sources[flow.id] = bytes }
                errors += flowErrors
            } catch {
                errors.append(error)
            }
        }
        let (procedureFiles, procedures, procedureErrors) = readProcedures(folder: folder)
        errors += procedureErrors
        if let procedures {
            errors += procedures.problems(flowIDs: Set(documents.compactMap(\.flow?.id)))
        }
        errors += FlowLinter.lint(documents, procedures: procedures)

        let messagesPath = (folder as NSString).appendingPathComponent("messages/\(language).yaml")
        var messages = MessageCatalog(texts: [:])
        do {
            let root = try parse(try readBytes(messagesPath), path: messagesPath)
            errors += MessageLinter.lint(root, source: messagesPath)
            // MessageLinter reports the entries this initializer rejects, in the same words as the
            // other checks, so its own error is not repeated.
            messages = (try? MessageCatalog(document: root, source: messagesPath)) ?? messages
        } catch {
            errors.append(error)
        }

        var communes: CommuneDirectory?
        let communesPath = (folder as NSString).appendingPathComponent("communes.yaml")
        if FileManager.default.fileExists(atPath: communesPath) {
            do {
                let root = try parse(try readBytes(communesPath), path: communesPath)
                communes = try CommuneDirectory.load(from: root, source: communesPath)
            } catch let error as FlowErrors {
                errors += error.errors
            } catch let error as FlowError {
                errors.append(error)
            } catch {
                errors.append(FlowError(file: communesPath, line: 0, message: "\(error)"))
            }
        }

        let flows = documents.filter(\.isValid).compactMap(\.flow)
        return TemplateCheck(
            folder: folder, flowFiles: flowFiles, messageFiles: [messagesPath], errors: errors.sortedByLocation(),
            flows: flows, messages: messages, flowSources: sources, communes: communes,
            procedureFiles: procedureFiles, procedures: procedures)
    }

    /// Reads `procedures/*.yaml` in name order; the catalog is nil when that folder does not exist.
    private static func readProcedures(folder: String) -> (files: [String], catalog: ProcedureCatalog?, [FlowError]) {
        let proceduresFolder = (folder as NSString).appendingPathComponent("procedures")
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: proceduresFolder, isDirectory: &isFolder), isFolder.boolValue
        else { return ([], nil, []) }

        let names = (try? FileManager.default.contentsOfDirectory(atPath: proceduresFolder)) ?? []
        let files = names.sorted()
            .filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }
            .map { (proceduresFolder as NSString).appendingPathComponent($0) }
        var catalog = ProcedureCatalog()
        var errors: [FlowError] = []
        for path in files {
            do {
                let root = try parse(try readBytes(path), path: path)
                try catalog.load(from: root, source: path)
            } catch let error as FlowErrors {
                errors += error.errors
            } catch let error as FlowError {
                errors.append(error)
            } catch {
                errors.append(FlowError(file: path, line: 0, message: "\(error)"))
            }
        }
        return (files, catalog, errors)
    }

    private static func readBytes(_ path: String) throws(FlowError) -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw FlowError(file: path, line: 0, message: "không đọc được tệp; kiểm tra tệp có tồn tại và quyền đọc")
        }
        return [UInt8](data)
    }

    static func parse(_ bytes: [UInt8], path: String) throws(FlowError) -> DocumentNode {
        do {
            return try YAMLParser.parse(String(decoding: bytes, as: UTF8.self))
        } catch let error as YAMLError {
            throw FlowError(file: path, line: error.line, message: "lỗi YAML: \(error.message)")
        } catch {
            throw FlowError(file: path, line: 0, message: "lỗi YAML: \(error)")
        }
    }
}
