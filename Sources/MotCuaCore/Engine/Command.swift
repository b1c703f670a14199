/// Commands that work in every step, recognised with or without diacritics and in any case.
enum Command: Equatable {
    case menu
    case back
    case repeatPrompt
    case cancel
    case help
    case official
    /// Starts the flow that deletes the citizen's conversation data.
    case deleteMyData
    /// Starts the flow that stops announcements, from any step.
    case stopAnnouncements

    /// The flow `stopAnnouncements` starts.
    static let stopAnnouncementsFlowID = "huy-nhan-tin"

    private static let phrases: [String: Command] = [
        "menu": .menu, "0": .menu, "menu chinh": .menu, "trang chu": .menu, "bat dau": .menu,
        "quay lai": .back, "tro lai": .back, "back": .back,
        "nhac lai": .repeatPrompt, "lap lai": .repeatPrompt, "noi lai": .repeatPrompt,
        "huy": .cancel, "huy bo": .cancel, "thoi": .cancel, "dung lai": .cancel, "cancel": .cancel,
        "tro giup": .help, "giup": .help, "giup do": .help, "help": .help, "huong dan": .help,
        "gap can bo": .official, "can bo": .official, "gap nguoi": .official, "noi chuyen voi can bo": .official,
        "gap nhan vien": .official,
        "xoa du lieu": .deleteMyData, "xoa du lieu cua toi": .deleteMyData, "xoa thong tin cua toi": .deleteMyData,
        "stop": .stopAnnouncements, "huy nhan tin": .stopAnnouncements,
        "ngung nhan tin": .stopAnnouncements, "dung nhan tin": .stopAnnouncements,
        "ngung nhan thong bao": .stopAnnouncements, "huy nhan thong bao": .stopAnnouncements,
    ]

    /// Button values the engine gives to command buttons; flow option values never start with it.
    static let buttonPrefix = "cmd:"

    /// The button value that runs `phrase` (a key of `phrases`) when pressed.
    static func buttonValue(_ phrase: String) -> String { buttonPrefix + phrase }

    /// Reads a command from a button value made by `buttonValue`.
    static func parse(buttonValue value: String) -> Command? {
        guard value.hasPrefix(buttonPrefix) else { return nil }
        return phrases[String(value.dropFirst(buttonPrefix.count))]
    }

    /// Phrases matched with their diacritics, because their folded form is another common word:
    /// "dừng" (stop) folds to "dung", which citizens also type for "đúng" (yes).
    private static let exactPhrases: [String: Command] = ["dừng": .stopAnnouncements]

    static func parse(_ text: String) -> Command? {
        let exact = text.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
            .precomposedStringWithCanonicalMapping
        if let command = exactPhrases[exact] {
            return command
        }
        var key = VietnameseText.foldKey(text)
        for filler in [" a", " nhe", " di"] where key.hasSuffix(filler) {
            key = String(key.dropLast(filler.count))
        }
        return phrases[key]
    }
}

extension Turn {
    mutating func run(_ command: Command) {
        state.askingResume = false
        switch command {
        case .menu:
            state.handoff = false
            putDraftAside()
            startFlow(engine.catalog.menuFlowID)
        case .cancel:
            state.handoff = false
            clearFlow()
            state.savedDraft = nil
            say(messages.text("command.cancelled"))
            startFlow(engine.catalog.menuFlowID)
        case .repeatPrompt:
            if currentStep == nil {
                say(messages.text("command.nothing_to_repeat"))
            } else {
                repeatPrompt()
            }
        case .help:
            say(messages.text("command.help"))
            repeatPrompt()
        case .back:
            goBack()
        case .deleteMyData:
            state.handoff = false
            putDraftAside()
            if engine.catalog.flow(engine.settings.deleteDataFlowID) != nil {
                startFlow(engine.settings.deleteDataFlowID)
            } else {
                say(messages.text("command.help"))
            }
        case .stopAnnouncements:
            state.handoff = false
            if state.flowID == Command.stopAnnouncementsFlowID, let step = currentStep,
                case .question(let question) = step.kind
            {
                // The stop phrase typed again while the stop flow asks for confirmation means yes, so
                // the citizen is not asked whether to resume the flow they are already in.
                answer(question, .text("có"), step: step)
                return
            }
            putDraftAside()
            if engine.catalog.flow(Command.stopAnnouncementsFlowID) != nil {
                startFlow(Command.stopAnnouncementsFlowID)
            } else {
                say(messages.text("command.help"))
            }
        case .official:
            state.handoff = true
            say(messages.text("handoff.started"))
        }
    }

    /// Returns to the previous question and forgets its answer.
    private mutating func goBack() {
        state.choosingFix = false
        state.returnToStep = nil
        guard state.isInFlow, let previous = state.history.popLast(), let step = flow?.steps[previous] else {
            say(messages.text("command.back_unavailable"))
            repeatPrompt()
            return
        }
        if let slot = step.savedSlot { state.slots[slot] = nil }
        enter(previous)
    }
}
