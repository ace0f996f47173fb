namespace LiveRank.Scoring.Trees;

/// <summary>How a feature matrix of <c>rows</c> × <c>featureCount</c> floats lies in memory.</summary>
public enum MatrixLayout
{
    /// <summary>Row r spans [r·featureCount, (r+1)·featureCount).</summary>
    RowMajor,

    /// <summary>Column f spans [f·rows, (f+1)·rows): what <see cref="Features.RankContext.Matrix"/> holds.</summary>
    FeatureMajor,
}
