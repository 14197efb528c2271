import Foundation
import StudioCore
import TermUI

/// The ledger in a pane (F7): what was spent today and this month against the caps, the month by
/// provider and by batch, then each job of the month, newest first. Spent (charged, may be charged)
/// is kept apart from committed (in flight, waiting); sandbox jobs are never counted.
enum LedgerPane {
    static func panel(service: GenerationService, now: Date) -> StudioMessage {
        let calendar = Calendar.current
        let month = calendar.date(from: calendar.dateComponents([.year, .month], from: now)) ?? now
        guard let ledger = try? Ledger.read(service.journal, since: month), let spending = try? Spending.read(service.journal, now: now) else {
            return .toast("the ledger could not be read from the journal")
        }
        return .panelOpened(TextPanel(kind: .ledger, title: "Ledger of this month — Esc closes", lines: lines(ledger, spending: spending,
                                                                                                               caps: service.budget)))
    }

    static func lines(_ ledger: Ledger, spending: Spending, caps: BudgetCaps) -> [(text: String, role: StyleRole)] {
        var lines: [(String, StyleRole)] = []
        lines.append((spending.line(caps: caps.overall) ?? "nothing spent this month, and no cap is set ([budget] in config.toml)", .accent))
        let totals = ledger.totals
        lines.append((totals.sentence, .text))
        for (title, grouping) in [("By provider", Ledger.Grouping.provider), ("By batch", Ledger.Grouping.batch)] {
            lines.append(("", .text))
            lines.append((title, .accent))
            for group in ledger.grouped(by: grouping) {
                lines.append(("  \(group.key)  \(group.jobs) job\(group.jobs == 1 ? "" : "s")  spent \(CostEstimate.dollars(group.spentUSD))"
                              + "  committed \(CostEstimate.dollars(group.committedUSD))", .text))
            }
        }
        lines.append(("", .text))
        lines.append(("Jobs (sandbox ~: never charged)", .accent))
        for entry in ledger.entries.reversed() {
            let amount = (entry.synthetic ? "~" : "") + CostEstimate.dollars(entry.amountUSD)
            let role: StyleRole = entry.synthetic ? .synthetic : entry.state == "charged" || entry.state == "may be charged" ? .cost : .text
            lines.append(("  #\(entry.id)  \(LocalTime.dateTime(entry.createdAt).replacingOccurrences(of: "T", with: " "))  \(entry.provider)  "
                          + "\(entry.model)  \(entry.state)  \(amount)\(entry.reason.map { "  (\($0))" } ?? "")", role))
        }
        return lines
    }
}
