using LiveRank.Evaluation.Baselines;
using LiveRank.Evaluation.Metrics;

namespace LiveRank.Evaluation.Protocols;

/// <summary>
/// P1: rank all items for each user with a holdout; the user's <see cref="MaskWindow"/> most recent input items
/// (train + validation for the test target, train for the validation target) are excluded from the ranking
/// (0 masks the whole history). The target itself is never masked. One relevant item per user.
/// </summary>
public sealed class FullRankingProtocol
{
    /// <summary>LlamaRec masks the model's input window of 200, not the whole history.</summary>
    public const int DefaultMaskWindow = 200;

    /// <summary>Suffix of the secondary metrics computed with the whole history masked.</summary>
    public const string WholeHistorySuffix = ".maskAll";

    public FullRankingProtocol(LeaveOneOutSplit split, int maskWindow = DefaultMaskWindow)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maskWindow);
        Split = split;
        MaskWindow = maskWindow;
    }

    public LeaveOneOutSplit Split { get; }
    public int MaskWindow { get; }

    /// <summary>Users scored, in row order of every <see cref="UserMetrics"/> this protocol returns.</summary>
    public int[] EvaluatedUsers() => [.. Enumerable.Range(0, Split.UserCount).Where(Split.HasHoldout)];

    /// <summary>
    /// Scores a fitted baseline. Per-user values are averaged over <paramref name="seeds"/> (which only break
    /// ties here). With <paramref name="wholeHistorySecondary"/> and a window mask, the whole-history-masked
    /// metrics are added with the <see cref="WholeHistorySuffix"/>.
    /// </summary>
    public UserMetrics Evaluate(IRecommenderBaseline fitted, HoldoutTarget target, IReadOnlyList<int> seeds, bool wholeHistorySecondary = false)
    {
        var users = EvaluatedUsers();
        var metrics = new UserMetrics(users.Length);
        var scores = new float[Split.ItemCount];
        var windowMask = new bool[Split.ItemCount];
        var fullMask = new bool[Split.ItemCount];
        bool secondary = wholeHistorySecondary && MaskWindow > 0;
        double weight = 1.0 / seeds.Count;
        for (int row = 0; row < users.Length; row++)
        {
            int user = users[row];
            var history = Split.Input(user, target);
            var input = history.Items;
            int item = target == HoldoutTarget.Test ? Split.TestItem(user) : Split.ValidationItem(user);
            fitted.ScoreUser(history, scores);
            SetMask(windowMask, input, MaskWindow, true);
            if (secondary) SetMask(fullMask, input, 0, true);
            foreach (int seed in seeds)
            {
                metrics.AddRank(row, TargetRank.AmongAll(scores, item, windowMask, SeededRandom.For(seed, user, 1)), weight);
                if (secondary)
                    metrics.AddRank(row, TargetRank.AmongAll(scores, item, fullMask, SeededRandom.For(seed, user, 1)), weight,
                        suffix: WholeHistorySuffix);
            }
            SetMask(windowMask, input, MaskWindow, false);
            if (secondary) SetMask(fullMask, input, 0, false);
        }
        return metrics;
    }

    private static void SetMask(bool[] mask, ReadOnlySpan<int> input, int window, bool value)
    {
        int start = window == 0 ? 0 : Math.Max(0, input.Length - window);
        for (int p = start; p < input.Length; p++) mask[input[p]] = value;
    }
}
