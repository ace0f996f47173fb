namespace LiveRank.Evaluation.Baselines;

/// <summary>
/// The baselines the harness knows by name and the small hyperparameter grids each is tuned over (on the
/// validation split only). The grids are deliberately small: a baseline that needs a large search is not a baseline.
/// </summary>
public static class BaselineCatalog
{
    public static readonly string[] Names = ["pop", "itemknn", "itemknn-full", "covis", "ease", "bpr"];

    public static readonly double[] ItemKnnShrinks = [0, 5, 20, 100];
    public static readonly int[] CoVisWindows = [1, 2, 3, 5, 10, 20];
    public static readonly int[] CoVisLastItems = [1, 2, 3, 5, 10, 20];
    public static readonly double[] CoVisDecays = [0.5, 0.7, 0.9];

    /// <summary>EASE's L2 weight λ: one Cholesky inversion each (about a second on 3,650 items).</summary>
    public static readonly double[] EaseLambdas = [20, 50, 100, 200, 500, 1000];

    /// <summary>EASE user-vector weights: 1 is binary, below 1 recency-weighted (applied at scoring time, no refit).</summary>
    public static readonly double[] EaseDecays = [1, 0.95, 0.9, 0.8, 0.7, 0.5];

    /// <summary>BPR-MF grid: L2 weight × SGD learning rate at 64 factors, epochs early-stopped on validation.</summary>
    public static readonly int[] BprFactors = [64];
    public static readonly double[] BprRegularizations = [0.003, 0.01, 0.03];
    public static readonly double[] BprLearningRates = [0.05, 0.1];

    public static bool IsKnown(string name) => Array.IndexOf(Names, name) >= 0;

    /// <summary>Every configuration of the named baseline's grid, in a fixed order (ties in tuning go to the first).</summary>
    /// <exception cref="ArgumentException">Unknown name.</exception>
    public static IReadOnlyList<IRecommenderBaseline> Grid(string name) => name switch
    {
        "pop" => [new PopularityBaseline()],
        "itemknn" => [.. ItemKnnShrinks.Select(s => new ItemKnnBaseline(wholeHistory: false, s))],
        "itemknn-full" => [.. ItemKnnShrinks.Select(s => new ItemKnnBaseline(wholeHistory: true, s))],
        "covis" => [.. CoVisGrid()],
        "bpr" => [.. BprFactors.SelectMany(f => BprRegularizations.SelectMany(r => BprLearningRates.Select(lr => new BprBaseline(f, lr, r))))],
        "ease" => [.. EaseLambdas.SelectMany(l => EaseDecays.Select(d => new EaseBaseline(l, d)))],
        _ => throw new ArgumentException($"Unknown system '{name}' (known: {string.Join(", ", Names)})."),
    };

    private static IEnumerable<IRecommenderBaseline> CoVisGrid()
    {
        foreach (bool normalize in new[] { false, true })
        foreach (int window in CoVisWindows)
        foreach (int last in CoVisLastItems)
        {
            // With a single history item the decay has nothing to weigh.
            if (last == 1)
            {
                yield return new CoVisitationBaseline(window, last, 1.0, normalize);
                continue;
            }
            foreach (double decay in CoVisDecays) yield return new CoVisitationBaseline(window, last, decay, normalize);
        }
    }
}
