import RosterTerminal

/// A form in a box: labelled fields, one focused, each checked as it is typed, with its
/// problem shown beside it. Nothing is submitted while any field has a problem.
public struct FormState: Equatable, Sendable {
    public enum Value: Equatable, Sendable {
        case text(String)
        /// Typed, drawn as dots (a password).
        case secret(String)
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
    /// Set when Enter was pressed with problems: every problem shows, and the form says so until the next key.
    public var refusedSubmit = false
    /// Fields the operator has changed: their problems show as they type; the others' wait
    /// for a submit, so a fresh form isn't a page of red.
    public var touched: Set<String> = []
    /// What the service said when it refused the last submit (nothing was written).
    public var error: String?

    public init(title: String, fields: [Field]) {
        self.title = title
        self.fields = fields
    }

    public var isValid: Bool { fields.allSatisfy { $0.problem == nil } }

    public func text(_ id: String) -> String {
        switch fields.first(where: { $0.id == id })?.value {
        case .text(let value)?, .secret(let value)?: value
        default: ""
        }
    }

    public func choice(_ id: String) -> Int {
        guard case .choice(_, let index)? = fields.first(where: { $0.id == id })?.value else { return 0 }
        return index
    }

    /// The option chosen in a choice field, as shown.
    public func chosenTitle(_ id: String) -> String? {
        guard case .choice(let options, let index)? = fields.first(where: { $0.id == id })?.value, options.indices.contains(index) else { return nil }
        return options[index]
    }

    public mutating func setProblem(_ id: String, _ problem: String?) {
        if let index = fields.firstIndex(where: { $0.id == id }) { fields[index].problem = problem }
    }

    /// A key while the form is open: it goes nowhere else.
    public mutating func handle(_ key: Key) -> Outcome {
        refusedSubmit = false
        let id = fields[focus].id
        if let action = FormAction.keymap.action(for: key) {
            switch action {
            case .next: focus = (focus + 1) % fields.count
            case .previous: focus = (focus + fields.count - 1) % fields.count
            case .change(let by):
                guard case .choice(let options, let index) = fields[focus].value else { break }
                fields[focus].value = .choice(options, index: (index + by + options.count) % options.count)
                touched.insert(id)
            case .erase:
                edit { if !$0.isEmpty { $0.removeLast() } }
            case .clear:
                edit { $0 = "" }
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
        if case .character(let character) = key, !character.isNewline,
           !character.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
            // Typed or pasted text; control characters never get in.
            edit { if $0.count < 200 { $0.append(character) } }
        }
        return .open
    }

    /// Changes the focused field's text, if it takes text.
    private mutating func edit(_ change: (inout String) -> Void) {
        switch fields[focus].value {
        case .text(var value):
            change(&value)
            fields[focus].value = .text(value)
        case .secret(var value):
            change(&value)
            fields[focus].value = .secret(value)
        case .choice:
            return
        }
        touched.insert(fields[focus].id)
        error = nil
    }

    /// What the box draws: problems of touched fields, or of all after a refused submit.
    public func box(ascii: Bool = false) -> FormBox {
        let rows = fields.map { field in
            let problem = touched.contains(field.id) || refusedSubmit ? field.problem : nil
            return switch field.value {
            case .text(let value): FormBox.Row(label: field.label, value: value, problem: problem, isChoice: false)
            case .secret(let value):
                FormBox.Row(label: field.label, value: String(repeating: ascii ? "*" : "•", count: min(value.count, 60)), problem: problem, isChoice: false)
            case .choice(let options, let index): FormBox.Row(label: field.label, value: options[index], problem: problem, isChoice: true)
            }
        }
        let hint = error ?? (refusedSubmit ? "Fix the fields marked in red first; nothing was sent." : fields[focus].hint)
        return FormBox(title: title, rows: rows, focus: focus, hint: hint, hintIsProblem: error != nil || refusedSubmit)
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
    public static let keymap = Keymap<FormAction>("Form", id: "form", [
        Binding(id: "submit", [.enter], "submit", footer: true, .submit),
        Binding(id: "next-field", [.tab, .down], "next field", footer: true, .next),
        Binding(id: "previous-field", [.backTab, .up], "previous field", .previous),
        Binding(id: "previous-choice", [.left], "previous choice", .change(-1)),
        Binding(id: "choose", [.right], "next choice", short: "←/→ choose", .change(1)),
        Binding(id: "erase-a-character", [.backspace], "erase a character", .erase),
        Binding(id: "erase-the-field", [.control("u")], "erase the field", .clear),
        // Ctrl-C cancels the form rather than quitting.
        Binding(id: "cancel", [.escape, .control("c")], "cancel", footer: true, .cancel),
    ])
}
