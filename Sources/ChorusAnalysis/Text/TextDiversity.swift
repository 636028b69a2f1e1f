import Foundation

/// Lexical diversity of a set of responses (e.g. the agents' texts for one question and round).
///
/// All functions tokenise with `Tokenizer.words`. Pairwise measures average over the
/// m(m−1)/2 unordered pairs and need at least two texts (nil otherwise).
public enum TextDiversity {
    /// distinct-n (Li et al., "A diversity-promoting objective function for neural conversation
    /// models", NAACL 2016): distinct n-grams / total n-grams over all texts together.
    /// In (0, 1]; nil when there is no n-gram at all. Known bias: falls with the total length
    /// (long sets repeat n-grams), so compare sets of similar size only.
    public static func distinctN(_ texts: [String], n: Int) -> Double? {
        var seen = Set<String>(); var total = 0
        for t in texts {
            let g = Tokenizer.ngrams(Tokenizer.words(t), n: n)
            total += g.count; seen.formUnion(g)
        }
        return total > 0 ? Double(seen.count) / Double(total) : nil
    }

    /// Mean pairwise Jaccard *similarity* of n-gram sets, |A ∩ B| / |A ∪ B| (1 for two empty
    /// sets). Diversity is 1 minus this. Nil for fewer than two texts.
    /// Known bias: ignores counts and order beyond n; short texts give coarse values.
    /// - Complexity: O(m² · L) for m texts of L n-grams.
    public static func ngramJaccard(_ texts: [String], n: Int) -> Double? {
        guard texts.count >= 2 else { return nil }
        let sets = texts.map { Set(Tokenizer.ngrams(Tokenizer.words($0), n: n)) }
        return meanOverPairs(sets.count) { i, j in
            let u = sets[i].union(sets[j]).count
            return u == 0 ? 1 : Double(sets[i].intersection(sets[j]).count) / Double(u)
        }
    }

    /// TF-IDF vectors of the texts, with the texts themselves as the corpus: tf = raw count,
    /// smoothed idf(w) = ln((1 + D)/(1 + df(w))) + 1 for D documents (the scikit-learn default,
    /// `TfidfVectorizer(smooth_idf=True, norm=None)`). Returned as sparse dictionaries.
    public static func tfidfVectors(_ texts: [String]) -> [[String: Double]] {
        let docs = texts.map { Tokenizer.ngramCounts(Tokenizer.words($0), n: 1) }
        var df: [String: Int] = [:]
        for d in docs { for w in d.keys { df[w, default: 0] += 1 } }
        let dd = Double(docs.count)
        return docs.map { d in
            var v: [String: Double] = [:]
            for (w, c) in d { v[w] = Double(c) * (log((1 + dd) / (1 + Double(df[w]!))) + 1) }
            return v
        }
    }

    /// Cosine similarity of two sparse vectors; 1 when both are zero, 0 when one is.
    /// Sums run over the keys in sorted order: Swift randomises dictionary order per process,
    /// and floating-point sums in that order would differ in the last bits from run to run.
    public static func cosine(_ a: [String: Double], _ b: [String: Double]) -> Double {
        var dot = 0.0, na = 0.0, nb = 0.0
        for k in a.keys.sorted() { let x = a[k]!; na += x * x; if let y = b[k] { dot += x * y } }
        for k in b.keys.sorted() { let y = b[k]!; nb += y * y }
        if na == 0 && nb == 0 { return 1 }
        if na == 0 || nb == 0 { return 0 }
        return dot / (na.squareRoot() * nb.squareRoot())
    }

    /// Mean pairwise TF-IDF cosine dissimilarity, mean of 1 − cos(v_i, v_j) over pairs
    /// (Salton & Buckley 1988 weighting, as above). In [0, 1]. Nil for fewer than two texts.
    /// Known bias: the idf is estimated from the same few texts, so with m = 2 or 3 texts a
    /// word shared by all gets the minimum weight 1 rather than ~0.
    public static func tfidfDissimilarity(_ texts: [String]) -> Double? {
        guard texts.count >= 2 else { return nil }
        let v = tfidfVectors(texts)
        return meanOverPairs(v.count) { 1 - cosine(v[$0], v[$1]) }
    }

    /// Pairwise TF-IDF cosine similarity matrix (a positive semi-definite kernel with unit
    /// diagonal, suitable for `Vendi.score`); zero-vector texts get similarity 1 with themselves.
    public static func tfidfKernel(_ texts: [String]) -> [[Double]] {
        let v = tfidfVectors(texts)
        let m = v.count
        var k = [[Double]](repeating: [Double](repeating: 0, count: m), count: m)
        for i in 0..<m {
            k[i][i] = 1
            for j in (i + 1)..<max(i + 1, m) { let c = cosine(v[i], v[j]); k[i][j] = c; k[j][i] = c }
        }
        return k
    }

    /// BLEU of one hypothesis against references (Papineni et al., ACL 2002): geometric mean of
    /// the clipped n-gram precisions p_1..p_N (uniform weights) times the brevity penalty
    /// BP = min(1, exp(1 − r/c)), c the hypothesis length and r the reference length closest to c
    /// (the shorter on a tie). A zero precision count is replaced by ε/(n-grams in the hypothesis)
    /// with ε = 0.1 (Chen & Cherry 2014 smoothing "method 1", NLTK's `SmoothingFunction().method1`).
    /// 0 for an empty hypothesis.
    public static func bleu(hypothesis: [String], references: [[String]], maxN: Int = 4, epsilon: Double = 0.1) -> Double {
        let c = hypothesis.count
        guard c > 0, !references.isEmpty, maxN >= 1 else { return 0 }
        var logP = 0.0
        for n in 1...maxN {
            let h = Tokenizer.ngramCounts(hypothesis, n: n)
            let denom = h.values.reduce(0, +)
            guard denom > 0 else { return 0 }   // hypothesis shorter than n: no n-grams, BLEU 0 (as NLTK)
            var maxRef: [String: Int] = [:]
            for r in references { for (g, k) in Tokenizer.ngramCounts(r, n: n) { maxRef[g] = max(maxRef[g] ?? 0, k) } }
            var num = 0
            for (g, k) in h { num += min(k, maxRef[g] ?? 0) }
            let p = num > 0 ? Double(num) / Double(denom) : epsilon / Double(denom)
            logP += log(p) / Double(maxN)
        }
        let r = references.map(\.count).min { abs($0 - c) < abs($1 - c) || (abs($0 - c) == abs($1 - c) && $0 < $1) }!
        let bp = c > r ? 1 : exp(1 - Double(r) / Double(c))
        return bp * exp(logP)
    }

    /// Self-BLEU (Zhu et al., "Texygen", SIGIR 2018): the mean over texts of the BLEU of each text
    /// against all the others as references. Higher = less diverse. Nil for fewer than two texts.
    /// Known bias: rises with the number of references (more chances to match), so it is only
    /// comparable across sets of the same size.
    /// - Complexity: O(m² · L · N).
    public static func selfBLEU(_ texts: [String], maxN: Int = 4) -> Double? {
        guard texts.count >= 2 else { return nil }
        let toks = texts.map(Tokenizer.words)
        var s = 0.0
        for i in toks.indices {
            let refs = toks.indices.filter { $0 != i }.map { toks[$0] }
            s += bleu(hypothesis: toks[i], references: refs, maxN: maxN)
        }
        return s / Double(toks.count)
    }

    /// Mean pairwise embedding dissimilarity, mean of 1 − cos(e_i, e_j) over pairs (the paper's
    /// diversity measure (c), Subramaniam et al. 2025, on sentence embeddings). Nil for fewer
    /// than two vectors. A zero vector has cosine 0 with anything. (`AnswerKernels.embeddingDissimilarity`,
    /// which the simulator's `sample.embedding_dissimilarity` calls too.)
    /// - Throws: `AnalysisError.dimensionMismatch` when vectors differ in length.
    public static func embeddingDissimilarity(_ e: [[Double]]) throws -> Double? {
        guard e.count >= 2 else { return nil }
        let d = e[0].count
        if let bad = e.firstIndex(where: { $0.count != d }) {
            throw AnalysisError.dimensionMismatch("embedding \(bad) has \(e[bad].count) components, embedding 0 has \(d)")
        }
        return AnswerKernels.embeddingDissimilarity(e)
    }

    static func meanOverPairs(_ m: Int, _ f: (Int, Int) -> Double) -> Double {
        var s = 0.0, n = 0
        for i in 0..<m { for j in (i + 1)..<max(i + 1, m) { s += f(i, j); n += 1 } }
        return s / Double(n)
    }
}
