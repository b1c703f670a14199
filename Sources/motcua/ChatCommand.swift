import Foundation
import MotCuaCore
import MotCuaServer
import MotCuaYAML

/// `motcua chat`: the engine with the real templates, in process, in the terminal.
enum ChatCommand {
    static func run(_ arguments: [String], environment: [String: String]) -> Int32 {
        let userID: String
        switch CommandOptions.parse(arguments, command: "chat", valued: ["--user": "123456"]) {
        case .help:
            print(HelpText.chat)
            return 0
        case .invalid:
            return 2
        case .options(let options):
            userID = options.value("--user") ?? "nguoi-dan-1"
        }

        let configuration: Configuration
        let templates: Templates
        do {
            configuration = try Configuration.load(file: nil, environment: environment)
            templates = try TemplateLoader.load(folder: configuration.templatesFolder)
        } catch let error as FlowErrors {
            CommandLineError.report("kịch bản có lỗi:\n\(error)")
            return 2
        } catch {
            CommandLineError.report("\(error)")
            return 2
        }

        let engine = ConversationEngine(
            catalog: templates.catalog, messages: templates.messages,
            settings: MotCuaService.engineSettings(configuration), communes: templates.communes,
            procedures: templates.procedures)
        var conversation: LocalConversation
        do {
            conversation = try LocalConversation(
                engine: engine, userID: userID, logger: Logger(label: "motcua.chat", level: .warning))
        } catch {
            CommandLineError.report("\(error)")
            return 2
        }
        FileHandleOutput.standardOutput(
            "MotCua chat: trợ lý chạy trong máy với kịch bản ở \(configuration.templatesFolder). /thoat để thoát.\n")

        while true {
            FileHandleOutput.standardOutput("Bạn: ")
            guard let line = readLine() else { break }
            let text = line.trimmingCharacters(in: .whitespaces)
            if text == "/thoat" || text == "/quit" { break }
            guard !text.isEmpty else { continue }
            guard let content = ChatInput.content(for: text) else { continue }
            for reply in conversation.send(content) {
                FileHandleOutput.standardOutput(ChatInput.render(reply))
            }
        }
        FileHandleOutput.standardOutput("\nTạm biệt!\n")
        return 0
    }
}

/// Reads terminal lines into events and prints replies the way Zalo shows them.
enum ChatInput {
    static func content(for text: String) -> InboundContent? {
        let words = text.split(separator: " ").map(String.init)
        switch words.first {
        case "/anh":
            guard words.count == 2 else {
                FileHandleOutput.standardOutput("Cách dùng: /anh URL\n")
                return nil
            }
            return .image(url: words[1], caption: nil)
        case "/vitri":
            guard words.count == 3, let latitude = Double(words[1]), let longitude = Double(words[2]) else {
                FileHandleOutput.standardOutput("Cách dùng: /vitri VĨ_ĐỘ KINH_ĐỘ, ví dụ: /vitri 11.31 106.10\n")
                return nil
            }
            return .location(latitude: latitude, longitude: longitude)
        default:
            return .text(text)
        }
    }

    static func render(_ message: OutboundMessage) -> String {
        var text = message.text
        // As on Zalo, a list the text already shows is not added again.
        let alreadyListed = message.buttons.first.map { text.contains("1. \($0.title)") } ?? false
        if !message.buttons.isEmpty, !alreadyListed {
            text +=
                "\n\n"
                + message.buttons.enumerated().map { "\($0.offset + 1). \($0.element.title)" }
                .joined(separator: "\n")
        }
        let indented = text.split(separator: "\n", omittingEmptySubsequences: false).joined(separator: "\n     ")
        return "Bot: \(indented)\n"
    }
}
