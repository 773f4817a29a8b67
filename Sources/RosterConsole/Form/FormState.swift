import RosterTerminal

/// A form in a box: labelled fields, one focused, each checked as it is typed, with its
/// problem shown beside it. Nothing is submitted while any field has a problem.
public struct FormState: Equatable, Sendable {
    public enum Value: Equatable, Sendable {
        case text(String)
        /// One of `options`, the chosen one at `index`; ←/→ change it.
        case choice([String], index: Int)
    }

    public struct Field: Equatable, Sendable {
        public var id: String
        public var label: String
        public var value: Value
        /// Shown under the form while the field is focused: what it takes.
        public var hint: String
        /// What is wrong with the value now (nil: nothing).
        public var problem: String?

        public init(id: String, label: String, value: Value, hint: String) {
            self.id = id
            self.label = label
            self.value = value
            self.hint = hint
        }
    }

    /// Where a key left the form.
    public enum Outcome: Equatable, Sendable {
        case open
        case cancelled
        /// Enter with every field right.
        case submitted
    }

    public var title: String
    public var fields: [Field]
    public var focus = 0
    /// Set when Enter was pressed with problems: the form says so until the next key.
    public var refusedSubmit = false

    public init(title: String, fields: [Field]) {
        self.title = title
        self.fields = fields
    }

    public var isValid: Bool { fields.allSatisfy { $0.problem == nil } }

    public func text(_ id: String) -> String {
        guard case .text(let value)? = fields.first(where: { $0.id == id })?.value else { return "" }
        return value
    }

    public func choice(_ id: String) -> Int {
        guard case .choice(_, let index)? = fields.first(where: { $0.id == id })?.value else { return 0 }
        return index
    }

    public mutating func setProblem(_ id: String, _ problem: String?) {
        if let index = fields.firstIndex(where: { $0.id == id }) { fields[index].problem = problem }
    }

    /// A key while the form is open: it goes nowhere else.
    public mutating func handle(_ key: Key) -> Outcome {
        refusedSubmit = false
        if let action = FormAction.keymap.action(for: key) {
            switch action {
            case .next: focus = (focus + 1) % fields.count
            case .previous: focus = (focus + fields.count - 1) % fields.count
            case .change(let by):
                guard case .choice(let options, let index) = fields[focus].value else { break }
                fields[focus].value = .choice(options, index: (index + by + options.count) % options.count)
            case .erase:
                if case .text(var value) = fields[focus].value, !value.isEmpty {
                    value.removeLast()
                    fields[focus].value = .text(value)
                }
            case .clear:
                if case .text = fields[focus].value { fields[focus].value = .text("") }
            case .submit:
                if isValid { return .submitted }
                refusedSubmit = true
                // Take the operator to the first field with a problem.
                focus = fields.firstIndex { $0.problem != nil } ?? focus
            case .cancel:
                return .cancelled
            }
            return .open
        }
        if case .character(let character) = key, case .text(var value) = fields[focus].value, !character.isNewline,
           !character.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }), value.count < 200 {
            // Typed or pasted text; control characters never get in.
            value.append(character)
            fields[focus].value = .text(value)
        }
        return .open
    }

    /// What the box draws.
    public var box: FormBox {
        FormBox(title: title, rows: fields.map { field in
            switch field.value {
            case .text(let value): FormBox.Row(label: field.label, value: value, problem: field.problem, isChoice: false)
            case .choice(let options, let index): FormBox.Row(label: field.label, value: options[index], problem: field.problem, isChoice: true)
            }
        }, focus: focus, hint: refusedSubmit ? "Fix the fields marked in red first; nothing was sent." : fields[focus].hint,
                hintIsProblem: refusedSubmit)
    }
}

/// What a key does in a form.
public enum FormAction: Equatable, Sendable {
    case next
    case previous
    case change(Int)
    case erase
    case clear
    case submit
    case cancel
}

extension FormAction {
    public static let keymap = Keymap<FormAction>("Form", [
        Binding([.enter], "submit", footer: true, .submit),
        Binding([.tab, .down], "next field", footer: true, .next),
        Binding([.backTab, .up], "previous field", .previous),
        Binding([.left], "previous choice", .change(-1)),
        Binding([.right], "next choice", short: "←/→ choose", .change(1)),
        Binding([.backspace], "erase a character", .erase),
        Binding([.control("u")], "erase the field", .clear),
        // Ctrl-C cancels the form rather than quitting.
        Binding([.escape, .control("c")], "cancel", footer: true, .cancel),
    ])
}
