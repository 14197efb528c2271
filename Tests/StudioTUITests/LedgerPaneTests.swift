import Foundation
import Testing
import StudioCore
import TermUI
@testable import StudioTUI

/// F7: the ledger of the month — spent against the caps, by provider and batch, each job — with
/// spent kept apart from committed.
struct LedgerPaneTests {
    static func entry(_ id: Int64, _ status: JobStatus, _ charge: Charge, provider: String = "vertex", batch: String? = nil,
                      synthetic: Bool = false) -> LedgerEntry {
        LedgerEntry(id: id, createdAt: Date(timeIntervalSince1970: 1_800_000_000 + Double(id)), provider: provider, model: "veo-3.1-generate-001",
                    batch: batch, status: status, synthetic: synthetic, estimateUSD: 3.2, charge: charge)
    }

    @Test func theMonthSpentApartFromCommittedByProviderBatchAndJob() {
        let ledger = Ledger(entries: [
            Self.entry(1, .done, .charged(3.2), batch: "b1"),
            Self.entry(2, .unknown, .uncertain(3.2)),
            Self.entry(3, .running, .pending(3.2)),
            Self.entry(4, .waiting, .pending(3.2), batch: "b1"),
            Self.entry(5, .failed, .notCharged("it failed without a video")),
            Self.entry(6, .done, .charged(1.2), provider: "sandbox", synthetic: true),
        ])
        let lines = LedgerPane.lines(ledger, spending: Spending(todayUSD: 6.4, monthUSD: 6.4, inFlightUSD: 3.2),
                                     caps: BudgetCaps(overall: .init(dailyUSD: 10, monthlyUSD: 100))).map(\.text)
        #expect(lines[0] == "spent today $6.40 of $10.00 · month $6.40 of $100.00 · $3.20 in flight")
        #expect(lines[1] == "spent $6.40 ($3.20 charged, $3.20 may be charged) · committed $6.40 ($3.20 in flight, $3.20 waiting)",
                "what is charged is said apart from what may be")
        #expect(lines.contains("  vertex  5 jobs  spent $6.40  committed $6.40"))
        #expect(lines.contains("  b1  2 jobs  spent $3.20  committed $3.20"))
        #expect(lines.contains { $0.hasPrefix("  #5 ") && $0.hasSuffix("not charged  $0.00  (it failed without a video)") })
        #expect(lines.contains { $0.hasPrefix("  #6 ") && $0.contains("sandbox  ~$1.20") }, "a sandbox job is listed, never counted")
        #expect(lines.firstIndex { $0.hasPrefix("  #6 ") }! < lines.firstIndex { $0.hasPrefix("  #1 ") }!, "newest first")
    }

    @Test func f7AsksForTheLedgerFromAnyScreen() {
        var model = StudioScreenTests.model()
        #expect(StudioUpdate.apply(.key(.function(7)), to: &model) == [.showLedger])
        _ = StudioUpdate.apply(.key(.function(2)), to: &model)
        #expect(StudioUpdate.apply(.key(.function(7)), to: &model) == [.showLedger], "in the form too")
    }
}
