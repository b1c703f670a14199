import Foundation

let arguments = Array(CommandLine.arguments.dropFirst())
let environment = ProcessInfo.processInfo.environment

let status: Int32
switch arguments.first {
case nil, "-h", "--help", "help":
    print(HelpText.main)
    status = arguments.isEmpty ? 2 : 0
case "serve":
    status = ServeCommand.run(Array(arguments.dropFirst()), environment: environment)
case "chat":
    status = ChatCommand.run(Array(arguments.dropFirst()), environment: environment)
case "demo":
    status = DemoCommand.run(Array(arguments.dropFirst()), environment: environment)
case "migrate":
    status = MigrateCommand.run(Array(arguments.dropFirst()), environment: environment)
case "replay":
    status = ReplayCommand.run(Array(arguments.dropFirst()), environment: environment)
case "broadcast":
    status = BroadcastCommand.run(Array(arguments.dropFirst()), environment: environment)
case "lint":
    status = LintCommand.run(Array(arguments.dropFirst()), environment: environment)
case "--version", "version":
    print("motcua \(HelpText.version)")
    status = 0
case let other?:
    CommandLineError.report("lệnh không tồn tại: '\(other)'. Gõ 'motcua --help' để xem các lệnh.")
    status = 2
}
exit(status)
