using System.Numerics.Tensors;
using LiveRank.Features;

namespace LiveRank.Scoring;

/// <summary>
/// The scorer that serves before any model is trained: a fixed weighted sum of real-time features (weights in
/// <see cref="HeuristicWeights.Default"/>, documented in docs/scoring.md). Co-visitation and category affinity carry
/// what the user does now; the four LM similarities (session, long-term, narrative, max over the last items) carry
/// what the items <em>mean</em> to this user, and are what ranks a cold item that nobody has touched yet; trending
/// and popularity order what personal signals leave tied; the upstream order breaks the remaining ties; a purchase
/// pushes the item below everything unbought. Terms with weight 0 are left out, so their features cost nothing.
/// </summary>
public sealed class HeuristicScorer : IScorer
{
    /// <summary>Model name when the semantic terms are in.</summary>
    public const string ModelName = "heuristic-v2";

    /// <summary>Model name without the language-model terms (the first heuristic, kept for ablations).</summary>
    public const string ModelNameWithoutLm = "heuristic-v1";

    private readonly IFeature[] _features;
    private readonly float[] _weights;

    public HeuristicScorer() : this(HeuristicWeights.Default)
    {
    }

    public HeuristicScorer(HeuristicWeights weights)
    {
        (IFeature Feature, float Weight)[] terms =
        [
            (new CoVisitationFeature(), weights.CoVisitation),
            (new CategoryAffinityFeature(), weights.CategoryAffinity),
            (new SessionSimilarityFeature(), weights.SessionSimilarity),
            (new ProfileSimilarityFeature(), weights.ProfileSimilarity),
            (new NarrativeSimilarityFeature(), weights.NarrativeSimilarity),
            (new RecentItemSimilarityFeature(), weights.RecentItemSimilarity),
            (new TrendingFeature(), weights.Trending),
            (new PopularityFeature(), weights.Popularity),
            (new UpstreamFeature(), weights.Upstream),
            (new PurchasedFeature(), weights.Purchased),
        ];
        terms = [.. terms.Where(t => t.Weight != 0)];
        _features = [.. terms.Select(t => t.Feature)];
        _weights = [.. terms.Select(t => t.Weight)];
        Model = weights.UsesLanguageModel ? ModelName : ModelNameWithoutLm;
    }

    public string Model { get; }

    public IReadOnlyList<IFeature> Features => _features;

    public IReadOnlyList<float> Weights => _weights;

    public void Score(RankContext context, Span<float> scores)
    {
        scores.Clear();
        for (int f = 0; f < _features.Length; f++)
        {
            TensorPrimitives.MultiplyAdd(context.Column(f), _weights[f], scores, scores);
        }
    }

    public float Contribution(RankContext context, int feature, int candidate) =>
        _weights[feature] * context.Column(feature)[candidate];
}
