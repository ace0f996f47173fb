using LiveRank.Scoring.Models;
using LiveRank.Training.Trees;

namespace LiveRank.Training.Models;

/// <summary>Query groups gathered split by split (each a feature-major matrix with labels), turned into LightGBM rows at the end.</summary>
internal sealed class GroupRows
{
    private readonly List<Group> _groups = [];

    public sealed record Group(float[] FeatureMajor, float[] Labels, int Count);

    public int GroupCount => _groups.Count;

    public long RowCount { get; private set; }

    public void Add(Group group)
    {
        _groups.Add(group);
        RowCount += group.Count;
    }

    public RankingRows ToRows()
    {
        int f = RankingFeatures.Count;
        var features = new float[RowCount * f];
        var labels = new float[RowCount];
        var groups = new uint[RowCount];
        long row = 0;
        for (int g = 0; g < _groups.Count; g++)
        {
            var group = _groups[g];
            int n = group.Count;
            for (int c = 0; c < n; c++, row++)
            {
                for (int k = 0; k < f; k++) features[row * f + k] = group.FeatureMajor[k * n + c];
                labels[row] = group.Labels[c];
                groups[row] = (uint)g;
            }
        }
        return new RankingRows(features, f, labels, groups, RankingFeatures.Names);
    }
}
