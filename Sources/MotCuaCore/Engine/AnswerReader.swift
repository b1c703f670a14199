import Foundation

/// Turns what the citizen sent into a slot value for one input type.
struct AnswerReader {
    enum Outcome: Equatable {
        case accepted(SlotValue)
        case skipped
        /// The message key of the reason (nil for the type's general error) and its placeholders.
        case rejected(String?, [String: String])
        /// Several options fit equally; the citizen picks one of these buttons.
        case ambiguous([ReplyButton])

        static let invalid = Outcome.rejected(nil, [:])

        static func rejected(_ key: String) -> Outcome { .rejected(key, [:]) }
    }

    let today: CivilDate
    let communes: CommuneDirectory?
    var procedures = ProcedureCatalog()

    func read(_ content: InboundContent, for input: InputSpec) -> Outcome {
        switch content {
        case .text(let text), .button(let text):
            if input.optional, Self.isSkip(text) { return .skipped }
            return readText(text, input)
        case .location(let latitude, let longitude):
            guard input.type == .location || input.type == .text else { return .invalid }
            let value = "\(latitude),\(longitude)"
            return .accepted(SlotValue(value: value, display: "\(latitude), \(longitude)"))
        case .image(let url, _):
            guard input.type == .image else { return .invalid }
            return .accepted(SlotValue(value: url, display: "1 ảnh"))
        case .file(let url, let name):
            guard input.type == .file || input.type == .image else { return .invalid }
            return .accepted(SlotValue(value: url, display: name ?? "1 tệp"))
        default:
            return .invalid
        }
    }

    static func isSkip(_ text: String) -> Bool {
        ["bo qua", "khong co", "ko co", "skip", "qua"].contains(VietnameseText.foldKey(text))
    }

    private func readText(_ text: String, _ input: InputSpec) -> Outcome {
        switch input.type {
        case .text, .location:
            let minimum = Int(input.minimum ?? 1)
            let maximum = Int(input.maximum ?? 1000)
            guard let value = TextInput.parse(text, minLength: minimum, maxLength: maximum) else { return .invalid }
            return .accepted(SlotValue(value: value, display: value))
        case .commune:
            return readCommune(text)
        case .procedure:
            return readProcedure(text)
        case .name:
            // A full name has at least a family name and a given name unless the step says `min: 1`.
            let minimumWords = Int(input.minimum ?? 2)
            guard let value = NameInput.parse(text), value.split(separator: " ").count >= minimumWords else {
                return .invalid
            }
            return .accepted(SlotValue(value: value, display: value))
        case .number:
            return readNumber(text, input)
        case .date:
            return readDate(text, input)
        case .phone:
            return readPhone(text, input)
        case .citizenID:
            return readCitizenID(text)
        case .email:
            guard let email = EmailInput.parse(text) else { return .invalid }
            return .accepted(SlotValue(value: email, display: email))
        case .choice:
            switch ChoiceInput.resolve(text, options: input.options) {
            case .matched(let index):
                let option = input.options[index]
                return .accepted(SlotValue(value: option.value, display: option.label))
            case .ambiguous(let indexes):
                return .ambiguous(
                    indexes.map { ReplyButton(title: input.options[$0].label, value: input.options[$0].value) })
            case .none:
                return .invalid
            }
        case .yesNo:
            guard let yes = YesNoInput.parse(text) else { return .invalid }
            return .accepted(SlotValue(value: yes ? "yes" : "no", display: yes ? "Có" : "Không"))
        case .image, .file:
            return .invalid
        }
    }

    /// Matches the configured communes and wards; without a list the answer is kept as typed.
    private func readCommune(_ text: String) -> Outcome {
        guard let communes else {
            guard let value = TextInput.parse(text, minLength: 2, maxLength: 100) else { return .invalid }
            return .accepted(SlotValue(value: value, display: value))
        }
        switch communes.resolve(text) {
        case .matched(let commune):
            return .accepted(SlotValue(value: commune.name, display: commune.name))
        case .ambiguous(let candidates):
            return .ambiguous(candidates.map { ReplyButton(title: $0.name, value: $0.name) })
        case .none:
            return .invalid
        }
    }

    /// Stores the procedure code and shows its short name; several close matches become buttons whose
    /// values are codes, which this method matches exactly when the citizen taps one.
    private func readProcedure(_ text: String) -> Outcome {
        switch procedures.search(text) {
        case .matched(let procedure):
            return .accepted(SlotValue(value: procedure.code, display: procedure.shortName))
        case .several(let candidates):
            return .ambiguous(candidates.map { ReplyButton(title: $0.shortName, value: $0.code) })
        case .none:
            return .invalid
        }
    }

    private func readPhone(_ text: String, _ input: InputSpec) -> Outcome {
        guard let phone = PhoneInput.parse(text, allowLandline: input.allowsLandline) else { return .invalid }
        // An old 11-digit number is shown beside its new form so the citizen can check it.
        let typedDigits = text.filter(\.isNumber)
        let display = phone.wasConverted ? "\(phone.national) (số cũ \(typedDigits))" : phone.national
        return .accepted(SlotValue(value: phone.national, display: display))
    }

    private func readCitizenID(_ text: String) -> Outcome {
        switch CitizenIDInput.read(text, today: today) {
        case .valid(let id):
            return .accepted(SlotValue(value: id, display: id))
        case .wrongLength(9):
            return .rejected("invalid.citizen_id_old_card")
        case .wrongLength(let count):
            return .rejected("invalid.citizen_id_length", ["count": "\(count)"])
        case .unknownProvince(let code):
            return .rejected("invalid.citizen_id_province", ["code": code])
        case .futureBirthYear(let year):
            return .rejected("invalid.citizen_id_future", ["year": "\(year)"])
        case .unreadable:
            return .invalid
        }
    }

    private func readNumber(_ text: String, _ input: InputSpec) -> Outcome {
        guard let number = NumberInput.parse(text), !input.wholeNumber || number == number.rounded() else {
            return .invalid
        }
        if let minimum = input.minimum, number < minimum { return .rejected("invalid.number_range") }
        if let maximum = input.maximum, number > maximum { return .rejected("invalid.number_range") }
        let display = number == number.rounded() ? String(Int(number)) : String(number)
        return .accepted(SlotValue(value: display, display: display))
    }

    private func readDate(_ text: String, _ input: InputSpec) -> Outcome {
        let earliest = input.earliestDate.flatMap(resolve)
        let latest = input.latestDate.flatMap(resolve)
        switch DateInput.read(text, today: today, earliest: earliest, latest: latest) {
        case .date(let date):
            if let earliest, date < earliest { return .rejected("invalid.date_too_early") }
            if let latest, date > latest { return .rejected("invalid.date_too_late") }
            let value = String(format: "%04d-%02d-%02d", date.year, date.month, date.day)
            return .accepted(SlotValue(value: value, display: date.description))
        case .impossible(let day, let month, let year):
            let shown = String(format: "%02d/%02d/%04d", day, month, year)
            return .rejected("invalid.date_impossible", ["date": shown])
        case .unreadable:
            return .invalid
        }
    }

    private func resolve(_ bound: String) -> CivilDate? {
        switch DateBound.parse(bound) {
        case .relativeToToday(let days)?: return today.adding(days: days)
        case .fixed(let year, let month, let day)?: return CivilDate(year: year, month: month, day: day)
        case nil: return nil
        }
    }
}
