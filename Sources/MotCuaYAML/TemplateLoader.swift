import Foundation
import MotCuaCore

/// The flows and messages of a templates folder, checked and ready for the engine.
public struct Templates: Sendable {
    public var catalog: FlowCatalog
    public var messages: MessageCatalog
    public var folder: String
    /// Each loaded flow file's bytes by flow id, for keeping old versions in the store.
    public var flowSources: [String: [UInt8]] = [:]
}

/// Reads `flows/*.yaml` and `messages/<lang>.yaml` from a templates folder.
public enum TemplateLoader {
    /// Loads and checks everything, collecting all problems as `file:line: message` errors.
    public static func load(folder: String, language: String = "vi") throws -> Templates {
        var errors: [FlowError] = []
        var flows: [Flow] = []
        var sources: [String: [UInt8]] = [:]
        let flowsFolder = (folder as NSString).appendingPathComponent("flows")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: flowsFolder)) ?? []
        if names.isEmpty {
            errors.append(FlowError(file: flowsFolder, line: 0, message: "no flow files (*.yaml) in this folder"))
        }
        for name in names.sorted() where name.hasSuffix(".yaml") || name.hasSuffix(".yml") {
            let path = (flowsFolder as NSString).appendingPathComponent(name)
            do {
                let bytes = try readBytes(path)
                let root = try parse(bytes, path: path)
                let flow = try FlowLoader.load(root, source: path, version: FlowLoader.version(of: bytes))
                flows.append(flow)
                sources[flow.id] = bytes
            } catch let error as FlowErrors {
                errors += error.errors
            } catch let error as FlowError {
                errors.append(error)
            } catch {
                errors.append(FlowError(file: path, line: 0, message: "\(error)"))
            }
        }

        let messagesPath = (folder as NSString).appendingPathComponent("messages/\(language).yaml")
        var messages = MessageCatalog(texts: [:])
        do {
            let root = try parse(try readBytes(messagesPath), path: messagesPath)
            messages = try MessageCatalog(document: root, source: messagesPath)
            for key in MessageCatalog.requiredKeys where messages.texts[key] == nil {
                errors.append(FlowError(file: messagesPath, line: 1, message: "missing message '\(key)'"))
            }
        } catch let error as FlowErrors {
            errors += error.errors
        } catch let error as FlowError {
            errors.append(error)
        } catch {
            errors.append(FlowError(file: messagesPath, line: 0, message: "\(error)"))
        }

        errors += crossFlowErrors(flows)
        guard errors.isEmpty else { throw FlowErrors(errors: errors) }
        return Templates(
            catalog: FlowCatalog(flows: flows), messages: messages, folder: folder, flowSources: sources)
    }

    /// Parses an earlier version of a flow file, kept in the store, so that conversations that
    /// started on it can finish on it.
    public static func loadVersion(_ bytes: [UInt8], source: String) throws -> Flow {
        let root = try parse(bytes, path: source)
        return try FlowLoader.load(root, source: source, version: FlowLoader.version(of: bytes))
    }

    private static func readBytes(_ path: String) throws -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw FlowError(file: path, line: 0, message: "cannot read the file")
        }
        return [UInt8](data)
    }

    private static func parse(_ bytes: [UInt8], path: String) throws -> DocumentNode {
        do {
            return try YAMLParser.parse(String(decoding: bytes, as: UTF8.self))
        } catch let error as YAMLError {
            throw FlowError(file: path, line: error.line, message: "YAML error: \(error.message)")
        }
    }

    /// Problems that span files: duplicate flow ids, `start_flow` naming no flow, no menu flow.
    private static func crossFlowErrors(_ flows: [Flow]) -> [FlowError] {
        var errors: [FlowError] = []
        var seen: [String: String] = [:]
        for flow in flows {
            if let other = seen[flow.id] {
                errors.append(
                    FlowError(file: flow.source, line: 1, message: "flow id '\(flow.id)' is also used in \(other)"))
            }
            seen[flow.id] = flow.source
        }
        for flow in flows {
            for step in flow.steps.values {
                switch step.kind {
                case .startFlow(let target), .callFlow(let target):
                    if seen[target] == nil {
                        errors.append(
                            FlowError(file: flow.source, line: step.line, message: "unknown flow '\(target)'"))
                    }
                default:
                    break
                }
            }
        }
        if !flows.isEmpty, seen["menu"] == nil {
            errors.append(
                FlowError(file: flows[0].source, line: 1, message: "no flow has id 'menu'; the main menu needs one"))
        }
        return errors
    }
}
