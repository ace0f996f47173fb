using System.Numerics.Tensors;
using LiveRank.Features;

namespace LiveRank.Scoring;

/// <summary>
/// The scorer that serves before any model is trained: a fixed weighted sum of real-time features,
/// <code>
/// score = 2.0·covisitation + 1.5·category_affinity + 0.3·trending + 0.1·popularity + 0.5·upstream − 5·purchased
/// </code>
/// Co-visitation (what usually follows the user's last items) and category affinity carry personal intent;
/// trending and all-time popularity order what personal signals leave tied (and rank for cold users);
/// the upstream order breaks the remaining ties; a purchase pushes the item below everything unbought.
/// The weights were set by hand so that each term moves the order visibly; trained scorers replace them.
/// </summary>
public sealed class HeuristicScorer : IScorer
{
    public const string ModelName = "heuristic-v1";

    private readonly IFeature[] _features;
    private readonly float[] _weights;

    public HeuristicScorer()
    {
        (IFeature Feature, float Weight)[] terms =
        [
            (new CoVisitationFeature(), 2.0f),
            (new CategoryAffinityFeature(), 1.5f),
            (new TrendingFeature(), 0.3f),
            (new PopularityFeature(), 0.1f),
            (new UpstreamFeature(), 0.5f),
            (new PurchasedFeature(), -5f),
        ];
        _features = [.. terms.Select(t => t.Feature)];
        _weights = [.. terms.Select(t => t.Weight)];
    }

    public string Model => ModelName;

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
