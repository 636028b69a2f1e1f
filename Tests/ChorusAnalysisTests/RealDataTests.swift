import Testing
import ChorusTestSupport
import Foundation
import ChorusTestSupport
import ChorusStats
import ChorusRecords
import ChorusIngest
@testable import ChorusAnalysis

/// The metrics on a real debate log (../shared/realdata, read in place, never copied): the
/// invariants every transcript must satisfy. Reported as skipped, with the reason, where the
/// real logs are absent (`RealData`).
@Suite(.tags(.realData)) struct RealDataTests {
    @Test(.requiresRealData("du_gsm_gpt35_agents3_rounds2.json"))
    func duGSMInvariants() throws {
        let url = RealData.url("du_gsm_gpt35_agents3_rounds2.json")
        let records = try LogReader.read(url).records
        let rows = RoundMetrics.table(records)
        #expect(rows.count == 2)
        for r in rows {
            #expect(r.questions == 100 && r.agents == 3)
            let ind = r.individualAccuracy!.mean, maj = r.majorityAccuracy!.mean, orc = r.oracleAccuracy!.mean
            #expect(ind >= 0 && orc <= 1 && maj <= orc + 1e-12 && ind <= orc + 1e-12)
            #expect(r.consensus.mean >= 1.0 / 3 - 1e-12 && r.consensus.mean <= 1)
            #expect(r.unanimity.mean <= r.consensus.mean + 1e-12)
            #expect(r.answerEntropy.mean >= 0 && r.answerEntropy.mean <= log(3.0) + 1e-12)
            #expect(r.individualAccuracy!.lower <= ind && ind <= r.individualAccuracy!.upper)
            #expect(r.textDiversity != nil)
        }
        let f = rows[1].flips!
        #expect(f.rightRight + f.rightWrong + f.wrongRight + f.wrongSameWrong + f.wrongOtherWrong + f.unjudged == f.total)
        #expect(f.total == 300 && f.toPlurality <= f.switches)
        // Debate on GSM8K: individual accuracy does not fall from round 1 to round 2 here, and
        // agreement rises (Du et al. 2023) — a property of this log, stated as measured.
        #expect(rows[1].consensus.mean >= rows[0].consensus.mean)

        let t = TranscriptMetrics.table(records)
        func value(_ m: String, _ round: Int) -> Double? { t.rows.first { $0[5] == m && $0[4] == String(round) }.flatMap { Double($0[6]) } }
        let vendi = try #require(value("text.vendi", 1))
        #expect(vendi >= 1 && vendi <= 3)
        let kappa = try #require(value("fleiss_kappa", 2))
        #expect(kappa <= 1)
        #expect(value("text.self_bleu", 1)! >= 0 && value("text.self_bleu", 1)! <= 1)
        #expect(value("answer_entropy.miller_madow", 1)! >= value("answer_entropy.plugin", 1)!)
    }
}
