import Foundation

/// Turns what the citizen sent into a slot value for one input type.
struct AnswerReader {
    enum Outcome: Equatable {
        case accepted(SlotValue)
        case skipped
        /// The message key of the reason, or nil for the type's general error.
        case rejected(String?)
    }

    let today: CivilDate

    func read(_ content: InboundContent, for input: InputSpec) -> Outcome {
        switch content {
        case .text(let text), .button(let text):
            if input.optional, Self.isSkip(text) { return .skipped }
            return readText(text, input)
        case .location(let latitude, let longitude):
            guard input.type == .location || input.type == .text else { return .rejected(nil) }
            let value = "\(latitude),\(longitude)"
            return .accepted(SlotValue(value: value, display: "\(latitude), \(longitude)"))
        case .image(let url, _):
            guard input.type == .image else { return .rejected(nil) }
            return .accepted(SlotValue(value: url, display: "1 ảnh"))
        case .file(let url, let name):
            guard input.type == .file || input.type == .image else { return .rejected(nil) }
            return .accepted(SlotValue(value: url, display: name ?? "1 tệp"))
        default:
            return .rejected(nil)
        }
    }

    static func isSkip(_ text: String) -> Bool {
        ["bo qua", "khong co", "ko co", "skip", "qua"].contains(VietnameseText.foldKey(text))
    }

    private func readText(_ text: String, _ input: InputSpec) -> Outcome {
        switch input.type {
        case .text, .commune, .location:
            let minimum = Int(input.minimum ?? 1)
            let maximum = Int(input.maximum ?? 1000)
            guard let value = TextInput.parse(text, minLength: minimum, maxLength: maximum) else {
                return .rejected(nil)
            }
            return .accepted(SlotValue(value: value, display: value))
        case .name:
            guard let value = NameInput.parse(text) else { return .rejected(nil) }
            return .accepted(SlotValue(value: value, display: value))
        case .number:
            return readNumber(text, input)
        case .date:
            return readDate(text, input)
        case .phone:
            guard let phone = PhoneInput.parse(text) else { return .rejected(nil) }
            // An old 11-digit number is shown beside its new form so the citizen can check it.
            let typedDigits = text.filter(\.isNumber)
            let display = phone.wasConverted ? "\(phone.national) (số cũ \(typedDigits))" : phone.national
            return .accepted(SlotValue(value: phone.national, display: display))
        case .citizenID:
            guard let id = CitizenIDInput.parse(text, today: today) else { return .rejected(nil) }
            return .accepted(SlotValue(value: id, display: id))
        case .email:
            guard let email = EmailInput.parse(text) else { return .rejected(nil) }
            return .accepted(SlotValue(value: email, display: email))
        case .choice:
            guard let index = ChoiceInput.match(text, options: input.options) else { return .rejected(nil) }
            let option = input.options[index]
            return .accepted(SlotValue(value: option.value, display: option.label))
        case .yesNo:
            guard let yes = YesNoInput.parse(text) else { return .rejected(nil) }
            return .accepted(SlotValue(value: yes ? "yes" : "no", display: yes ? "Có" : "Không"))
        case .image, .file:
            return .rejected(nil)
        }
    }

    private func readNumber(_ text: String, _ input: InputSpec) -> Outcome {
        guard let number = NumberInput.parse(text) else { return .rejected(nil) }
        if let minimum = input.minimum, number < minimum { return .rejected("invalid.number_range") }
        if let maximum = input.maximum, number > maximum { return .rejected("invalid.number_range") }
        let display = number == number.rounded() ? String(Int(number)) : String(number)
        return .accepted(SlotValue(value: display, display: display))
    }

    private func readDate(_ text: String, _ input: InputSpec) -> Outcome {
        guard let date = DateInput.parse(text, today: today) else { return .rejected(nil) }
        if let bound = input.earliestDate.flatMap(resolve), date < bound { return .rejected("invalid.date_too_early") }
        if let bound = input.latestDate.flatMap(resolve), date > bound { return .rejected("invalid.date_too_late") }
        let value = String(format: "%04d-%02d-%02d", date.year, date.month, date.day)
        return .accepted(SlotValue(value: value, display: date.description))
    }

    private func resolve(_ bound: String) -> CivilDate? {
        switch DateBound.parse(bound) {
        case .relativeToToday(let days)?: return today.adding(days: days)
        case .fixed(let year, let month, let day)?: return CivilDate(year: year, month: month, day: day)
        case nil: return nil
        }
    }
}
