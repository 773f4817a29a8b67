import Foundation
import RosterCore
import RosterTerminal

/// The audit screen's reducer.
enum AuditReducer {
    /// Opening the screen: the newest page, and the chain checked in the background.
    static func start(_ state: inout AuditState, timeZone: ZoneRules) -> [AuditFeature.Work] {
        reload(&state, timeZone: timeZone) + [.verify]
    }

    static func reload(_ state: inout AuditState, timeZone: ZoneRules) -> [AuditFeature.Work] {
        state.generation += 1
        state.error = nil
        do {
            let (query, org) = try AuditFilter.query(state.filter, timeZone: timeZone)
            state.filterProblem = nil
            state.query = query
            state.org = org
            state.loading = true
            return [.load(generation: state.generation, query: query, org: org, append: false)]
        } catch let problem as AuditFilterProblem {
            // Nothing is read for a filter that can't be: say what would be.
            state.filterProblem = problem.message
            state.loading = false
            // The rows on screen answered another question: don't leave them looking like this one's.
            state.rows = []
            state.hasMore = false
            return []
        } catch {
            return []
        }
    }

    static func reduce(_ state: inout AuditState, key: Key, visible: Int, timeZone: ZoneRules) -> [AuditFeature.Work] {
        if state.showing != nil {
            if AuditDetailAction.keymap.action(for: key) == .close { state.showing = nil }
            return []
        }
        if state.editingFilter {
            switch FilterAction.keymap.action(for: key) {
            case .keep?:
                state.editingFilter = false
                return reload(&state, timeZone: timeZone)
            case .clear?:
                state.editingFilter = false
                state.filter = ""
                return reload(&state, timeZone: timeZone)
            case .erase?:
                if !state.filter.isEmpty { state.filter.removeLast() }
            case .eraseAll?:
                state.filter = ""
            case .move?, nil:
                if case .character(let c) = key, !c.isNewline, !c.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
                    state.filter.append(c)
                }
            }
            // Read on Enter, not per keystroke: a half-typed `since:2026-1` is not a question.
            return []
        }
        guard let action = AuditAction.keymap.action(for: key) else { return [] }
        switch action {
        case .move(let by): return select(&state, state.selected + by, visible: visible)
        case .page(let by): return select(&state, state.selected + by * visible, visible: visible)
        case .first: return select(&state, 0, visible: visible)
        case .open: state.showing = state.selectedRow
        case .beginFilter: state.editingFilter = true
        case .reload: return start(&state, timeZone: timeZone)
        }
        return []
    }

    /// Moves the selection, reading the next page when it nears the end of what is loaded.
    static func select(_ state: inout AuditState, _ target: Int, visible: Int) -> [AuditFeature.Work] {
        guard !state.rows.isEmpty else { return [] }
        state.selected = max(0, min(target, state.rows.count - 1))
        if state.selected < state.top { state.top = state.selected }
        if state.selected >= state.top + visible { state.top = state.selected - visible + 1 }
        guard state.hasMore, !state.loading, state.rows.count - state.selected <= visible * 2, let last = state.rows.last else { return [] }
        var query = state.query
        query.before = last.id
        state.loading = true
        return [.load(generation: state.generation, query: query, org: state.org, append: true)]
    }

    static func loaded(_ state: inout AuditState, generation: Int, append: Bool, _ result: Result<[AuditEntry], AuditReadFailure>, visible: Int) {
        guard generation == state.generation else { return }
        state.loading = false
        switch result {
        case .success(let rows):
            if append {
                state.rows += rows
            } else {
                state.rows = rows
                state.selected = 0
                state.top = 0
            }
            state.hasMore = rows.count == AuditState.pageSize
        case .failure(let failure):
            state.error = failure.message
        }
    }
}

/// Why the trail could not be read (the operator's role, a database error).
public struct AuditReadFailure: Error, Equatable, Sendable {
    public var message: String
}
