import Foundation
import MotCuaChannels
import MotCuaReplay

/// `motcua replay`: runs conversation fixtures and reports differences; `motcua replay export`
/// turns a stored conversation into a fixture.
enum ReplayCommand {
    static func run(_ arguments: [String], environment: [String: String]) -> Int32 {
        if arguments.first == "export" {
            return ExportCommand.run(Array(arguments.dropFirst()), environment: environment)
        }
        var language = environment["MOTCUA_LANG"].flatMap(ReplayLanguage.init(code:)) ?? .vietnamese
        // `--chaos` may be repeated and takes a list, so it is read here before the common parser.
        var chaos: Set<ChaosMode> = []
        var rest: [String] = []
        var paths: [String] = []
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            if argument == "--chaos" {
                guard let (modes, next) = chaosModes(arguments, after: index) else {
                    CommandLineError.report(
                        "--chaos cần một hoặc nhiều chế độ duplicate, restart, burst; ví dụ: --chaos restart burst "
                            + "hoặc --chaos restart,burst")
                    return 2
                }
                chaos.formUnion(modes)
                index = next
                continue
            }
            if !argument.hasPrefix("-") {
                paths.append(argument)
            } else {
                rest.append(argument)
                if Self.valued[argument] != nil, index + 1 < arguments.count {
                    rest.append(arguments[index + 1])
                    index += 1
                }
            }
            index += 1
        }

        let parsed: CommandOptions
        switch CommandOptions.parse(rest, command: "replay", flags: ["--update", "--quiet"], valued: Self.valued) {
        case .help:
            print(HelpText.replay)
            return 0
        case .invalid:
            return 2
        case .options(let options):
            parsed = options
        }
        if let code = parsed.value("--lang") {
            guard let chosen = ReplayLanguage(code: code) else {
                CommandLineError.report("--lang không hợp lệ '\(code)'; dùng vi hoặc en")
                return 2
            }
            language = chosen
        }

        let templates = environment["MOTCUA_TEMPLATES"].flatMap { $0.isEmpty ? nil : $0 } ?? "templates"
        var options = ReplayOptions(paths: paths.isEmpty ? ["fixtures/conversations"] : paths, templates: templates)
        options.update = parsed.has("--update")
        options.quiet = parsed.has("--quiet")
        options.junitPath = parsed.value("--junit")
        options.chaos = chaos
        options.language = language
        options.colour = isatty(STDOUT_FILENO) == 1 && environment["NO_COLOR"] == nil
        if let text = parsed.value("--min-coverage") {
            guard let value = Double(text.hasSuffix("%") ? String(text.dropLast()) : text), (0...100).contains(value)
            else {
                CommandLineError.report("--min-coverage cần một phần trăm từ 0 đến 100, ví dụ: --min-coverage 80")
                return 2
            }
            options.minimumCoverage = value
        }
        if let target = parsed.value("--target") {
            guard options.update == false, chaos.isEmpty else {
                CommandLineError.report("--target không dùng cùng --update hay --chaos; bỏ một trong hai")
                return 2
            }
            switch targetSettings(server: target, mock: parsed.value("--mock"), environment: environment) {
            case .success(let settings): options.target = settings
            case .failure(let message):
                CommandLineError.report(message.text)
                return 2
            }
        }

        return ReplaySession.run(
            options, output: FileHandleOutput.standardOutput, errorOutput: FileHandleOutput.standardError)
    }

    /// Reads the modes after the `--chaos` at `flagIndex`: one argument such as `restart,burst`, then
    /// every following argument that is a mode name or a comma list of them. Returns the modes and
    /// the index of the first argument not read, or nil when no valid mode follows the flag or a
    /// comma list names an unknown mode.
    static func chaosModes(_ arguments: [String], after flagIndex: Int) -> (Set<ChaosMode>, Int)? {
        func modes(in argument: String) -> Set<ChaosMode>? {
            let names = argument.split(separator: ",", omittingEmptySubsequences: false)
            let parsed = names.compactMap { ChaosMode(rawValue: $0.trimmingCharacters(in: .whitespaces)) }
            return parsed.count == names.count ? Set(parsed) : nil
        }

        var index = flagIndex + 1
        guard index < arguments.count, var found = modes(in: arguments[index]) else { return nil }
        index += 1
        while index < arguments.count, let more = modes(in: arguments[index]) {
            found.formUnion(more)
            index += 1
        }
        return (found, index)
    }

    static let valued = [
        "--target": "http://127.0.0.1:8080", "--mock": "http://127.0.0.1:9090", "--junit": "replay.xml",
        "--min-coverage": "80", "--lang": "en",
    ]

    struct Message: Error {
        var text: String
    }

    /// Reads the channel secrets from the server's variables. The mock URL is `--mock`, else the
    /// Zalo, Telegram or Messenger API base variable, since the server sends its replies there.
    static func targetSettings(server: String, mock: String?, environment: [String: String]) -> Result<
        TargetSettings, Message
    > {
        func value(_ name: String) -> String? { environment[name].flatMap { $0.isEmpty ? nil : $0 } }
        guard server.hasPrefix("http://") || server.hasPrefix("https://") else {
            return .failure(Message(text: "--target cần một URL http://, ví dụ: --target http://127.0.0.1:8080"))
        }
        let mockURL =
            mock ?? value("MOTCUA_ZALO_API_BASE") ?? value("MOTCUA_TELEGRAM_API_BASE")
            ?? value("MOTCUA_MESSENGER_API_BASE")
        guard let mockURL else {
            return .failure(
                Message(
                    text: "--target cần địa chỉ API giả lập: dùng --mock URL hoặc đặt MOTCUA_ZALO_API_BASE như server"))
        }
        var settings = TargetSettings(
            serverURL: server.hasSuffix("/") ? String(server.dropLast()) : server, mockURL: mockURL)
        if let secret = value("MOTCUA_ZALO_OA_SECRET") {
            let firstTerm = value("MOTCUA_ZALO_SIGNATURE_FIRST_TERM").flatMap(ZaloSettings.FirstTerm.init) ?? .appID
            settings.zalo = ZaloSettings(
                appID: value("MOTCUA_ZALO_APP_ID") ?? "", oaID: value("MOTCUA_ZALO_OA_ID") ?? "",
                signatureSecret: secret, signatureFirstTerm: firstTerm, accessToken: "")
        }
        if let secret = value("MOTCUA_TELEGRAM_SECRET") {
            settings.telegram = TelegramSettings(token: value("MOTCUA_TELEGRAM_TOKEN") ?? "", secretToken: secret)
        }
        if let secret = value("MOTCUA_MESSENGER_APP_SECRET") {
            settings.messenger = MessengerSettings(
                appSecret: secret, verifyToken: value("MOTCUA_MESSENGER_VERIFY_TOKEN") ?? "",
                pageToken: value("MOTCUA_MESSENGER_PAGE_TOKEN") ?? "")
        }
        return .success(settings)
    }
}
