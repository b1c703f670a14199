/// The options of one command: flags such as `--fresh` and options with a value such as
/// `--user ID`. Parsing reports an unknown option or a missing value in Vietnamese.
struct CommandOptions {
    /// What `--help` asked for, or the options given.
    enum Outcome {
        case help
        case options(CommandOptions)
        case invalid
    }

    private(set) var flags: Set<String> = []
    private(set) var values: [String: String] = [:]

    func has(_ flag: String) -> Bool { flags.contains(flag) }

    func value(_ option: String) -> String? { values[option] }

    /// Parses `arguments` for `command`; `valued` maps each option that takes a value to an
    /// example shown when the value is missing.
    static func parse(
        _ arguments: [String], command: String, flags knownFlags: Set<String> = [], valued: [String: String] = [:]
    ) -> Outcome {
        var options = CommandOptions()
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            if argument == "-h" || argument == "--help" {
                return .help
            } else if knownFlags.contains(argument) {
                options.flags.insert(argument)
            } else if let example = valued[argument] {
                guard index + 1 < arguments.count, !arguments[index + 1].isEmpty else {
                    CommandLineError.report("\(argument) cần một giá trị, ví dụ: \(argument) \(example)")
                    return .invalid
                }
                options.values[argument] = arguments[index + 1]
                index += 1
            } else {
                CommandLineError.report("tùy chọn không hợp lệ: '\(argument)'. Xem 'motcua \(command) --help'.")
                return .invalid
            }
            index += 1
        }
        return .options(options)
    }
}
