import Testing
@testable import ChorusIngest

/// The answer-extraction rules of issue 5, one by one, with tricky replies. Expected values are
/// worked out by hand from the rules (docs/formats.md).
@Suite struct NumericExtractionTests {
    func num(_ s: String) -> String? { AnswerExtractor.extract(s, task: .numeric) }

    @Test func lastNumberOfWholeReply() {
        #expect(num("She has 3 apples, then 4, so 7") == "7")
        #expect(num("The answer is 42.") == "42")        // trailing period is not a decimal
        #expect(num("about 3.75 hours") == "3.75")
    }

    @Test func lastBoxedWins() {
        #expect(num("\\boxed{3} no wait \\boxed{5} and then 9 more words 11") == "5")
        #expect(num("I got \\boxed{6} first") == "6")
    }

    @Test func nestedBracesInBox() {
        #expect(num("\\boxed{\\frac{1}{4}}") == "4")
        #expect(num("\\boxed{\\text{about } 101{,}234}") == "234")   // "{,}" splits the number
        #expect(num("x \\boxed{a{b{c}}d 12} y 99") == "12")
    }

    @Test func unbalancedBoxFallsBackToEarlierBoxOrWholeReply() {
        #expect(num("\\boxed{8} then \\boxed{9") == "8")
        #expect(num("only \\boxed{9 and 10") == "10")
    }

    @Test func boxWithoutNumberIsNoAnswer() {
        #expect(num("Put it in \\boxed{answer}. I get 150.") == nil)
        #expect(num("\\boxed{}") == nil)
    }

    @Test func commasAndSigns() {
        #expect(num("Total: 1,234,567 dollars") == "1234567")
        #expect(num("\\boxed{-1,000.50}") == "-1000.5")
        #expect(num("The temperature is -4.5") == "-4.5")
        #expect(num("3-4 = -1") == "-1")
        #expect(num("from 5 to 7,") == "7")
        #expect(num("value 007.100") == "7.1")
        #expect(num("zero: -0.0") == "0")
    }

    @Test func canonicalNumbers() {
        // Worked by hand: 15 significant digits, rounded half up, exact decimal arithmetic.
        #expect(TextScan.canonicalDecimal("018.50") == "18.5")
        #expect(TextScan.canonicalDecimal("100") == "100")
        #expect(TextScan.canonicalDecimal("0.000") == "0")
        #expect(TextScan.canonicalDecimal("1.6454545454545454545") == "1.64545454545455")
        #expect(TextScan.canonicalDecimal("1.64545454545454") == "1.64545454545454")
        #expect(TextScan.canonicalDecimal("999999999999999.96") == "1000000000000000")
        #expect(TextScan.canonicalDecimal("-999999999999999.4") == "-999999999999999")
        #expect(TextScan.canonicalDecimal("12345678901234567890") == "12345678901234600000")
        #expect(TextScan.canonicalDecimal("0.00000000000000001234567890123456789") == "0.0000000000000000123456789012346")
        #expect(num("1.6454545454545454 and 1.645454545454545454545") == "1.64545454545455")
    }

    @Test func noNumberIsNoAnswer() {
        #expect(num("") == nil)
        #expect(num("I do not know.") == nil)
        #expect(num("- minus sign alone -") == nil)
    }

    @Test func nonASCIIDigitsAreNotNumbers() {
        #expect(num("٣ apples, 4 pears, ٥") == "4")
        #expect(num("full-width ７ and 8") == "8")
    }

    @Test func gsmTruth() {
        #expect(AnswerExtractor.truth("3 + 4 = <<3+4=7>>7\n#### 7", task: .numeric) == "7")
        #expect(AnswerExtractor.truth("a #### 3 then #### 1,200 and 5", task: .numeric) == "1200")
        #expect(AnswerExtractor.truth("The answer is 18", task: .numeric) == "18")
        #expect(AnswerExtractor.truth("####", task: .numeric) == nil)
        #expect(AnswerExtractor.truth("no number", task: .numeric) == nil)
    }

    @Test func toleranceIsRelative() {
        #expect(AnswerExtractor.equal("18", "18", task: .numeric))
        #expect(AnswerExtractor.equal("18.0000001", "18", task: .numeric))       // 1e-7 ≤ 1.8e-5
        #expect(!AnswerExtractor.equal("18.0001", "18", task: .numeric))
        #expect(AnswerExtractor.equal("0.0000005", "0", task: .numeric))         // ≤ 1e-6 · 1
        #expect(!AnswerExtractor.equal("0.000002", "0", task: .numeric))
        #expect(AnswerExtractor.equal("1000000001", "1000000000", task: .numeric))  // 1 ≤ 1000
        #expect(!AnswerExtractor.equal("1000002000", "1000000000", task: .numeric))
        // Beyond Double's range (reads as +inf): the same number is still the same answer.
        let huge = "1" + String(repeating: "0", count: 400)
        let reply = AnswerExtractor.extract("The answer is \(huge).", task: .numeric)
        let truth = AnswerExtractor.truth("#### \(huge)", task: .numeric)
        #expect(reply != nil && reply == truth)
        #expect(AnswerExtractor.correctness(answer: reply, truth: truth, task: .numeric) == true)
        #expect(!AnswerExtractor.equal("9" + String(repeating: "0", count: 400), huge, task: .numeric))
    }

    @Test func noAnswerIsNeverCorrect() {
        #expect(AnswerExtractor.correctness(answer: nil, truth: "5", task: .numeric) == false)
        #expect(AnswerExtractor.correctness(answer: "5", truth: nil, task: .numeric) == nil)
        #expect(AnswerExtractor.correctness(answer: "5", truth: "5", task: .free) == nil)
    }
}

@Suite struct ChoiceExtractionTests {
    func letter(_ s: String) -> String? { AnswerExtractor.extract(s, task: .choice) }

    @Test func lastParenthesisedLetter() {
        #expect(letter("Not (A); the answer is (B).") == "B")
        #expect(letter("(A), (C) and (D) are wrong, so (J)") == "J")
    }

    @Test func onlyUppercaseAToJ() {
        #expect(letter("(K) or (b)") == nil)
        #expect(letter("(X) C") == nil)
        #expect(letter("A) B) C)") == nil)
        #expect(letter("( B )") == nil)
        #expect(letter("(c) then (C) then (z)") == "C")
    }

    @Test func truthLetter() {
        #expect(AnswerExtractor.truth("D", task: .choice) == "D")
        #expect(AnswerExtractor.truth("  d\n", task: .choice) == "D")
        #expect(AnswerExtractor.truth("(B)", task: .choice) == "B")
        #expect(AnswerExtractor.truth("The answer is (C).", task: .choice) == "C")
        #expect(AnswerExtractor.truth("K", task: .choice) == nil)
    }
}

@Suite struct MathExtractionTests {
    func math(_ s: String) -> String? { AnswerExtractor.extract(s, task: .math) }

    @Test func lastBoxNested() {
        #expect(math("so $\\boxed{\\frac{3}{4}}$.") == "\\frac{3}{4}")
        #expect(math("\\boxed{1} then \\boxed{\\sqrt{2}}") == "\\sqrt{2}")
        #expect(math("no box: 5") == nil)
        #expect(math("\\boxed{ }") == nil)
    }

    @Test func normalisation() {
        #expect(MathNormalizer.normalize(" \\dfrac {1}{2} ") == "\\frac{1}{2}")
        #expect(MathNormalizer.normalize("\\tfrac12") == "\\frac12")
        #expect(MathNormalizer.normalize("\\left( -1, 1 \\right]") == "(-1,1]")
        #expect(MathNormalizer.normalize("90^\\circ") == "90")
        #expect(MathNormalizer.normalize("90^{\\circ}") == "90")
        #expect(MathNormalizer.normalize("\\$5.00") == "5.00")
        #expect(MathNormalizer.normalize("3\\!000.") == "3000")
        #expect(MathNormalizer.normalize("x = 5..") == "x=5")
    }

    @Test func equalAsStringsOrNumbers() {
        #expect(AnswerExtractor.equal("\\frac{3}{4}", "\\frac{3}{4}", task: .math))
        #expect(AnswerExtractor.equal("0.50", "0.5", task: .math))
        #expect(AnswerExtractor.equal(".5", "0.5", task: .math))
        #expect(!AnswerExtractor.equal("\\frac{1}{2}", "0.5", task: .math))   // not evaluated
        #expect(!AnswerExtractor.equal("x", "y", task: .math))
    }

    @Test func truthFromSolution() {
        #expect(AnswerExtractor.truth("thus $\\boxed{\\dfrac{1}{2}}$.", task: .math) == "\\frac{1}{2}")
        #expect(AnswerExtractor.truth(" 7 ", task: .math) == "7")
    }
}

@Suite struct FreeAndDetectionTests {
    @Test func freeHasNoAnswers() {
        #expect(AnswerExtractor.extract("\\boxed{5} (A)", task: .free) == nil)
        #expect(AnswerExtractor.truth("#### 5", task: .free) == nil)
    }

    @Test func taskDetection() {
        #expect(TaskDetector.detect(truths: ["A", "(c)", "D", "#### 5"]).task == .choice)
        #expect(TaskDetector.detect(truths: ["x\n#### 5", "y\n#### 6"]).task == .numeric)
        #expect(TaskDetector.detect(truths: ["so \\boxed{5}", "\\boxed{x}", "#### 3"]).task == .math)
        #expect(TaskDetector.detect(truths: ["12", "7.5"]).task == .numeric)
        #expect(TaskDetector.detect(truths: [nil, nil]).task == .free)
        #expect(TaskDetector.detect(truths: []).task == .free)
        #expect(TaskDetector.detect(truths: ["a biography", "another"]).task == .free)
        #expect(TaskDetector.detect(truths: ["A", "#### 5"]).task == .choice)   // tie: choice first
    }
}
