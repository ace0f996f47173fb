namespace LiveRank.Evaluation.Reports;

/// <summary>
/// Published or independently measured figures on ml-latest-small (protocols.md), shown beside ours. Keys are
/// (protocol, system, metric); P1 figures for pop, itemknn and covis were measured with the whole history masked,
/// so they sit beside our <c>.maskAll</c> metrics.
/// </summary>
public static class PublishedReferences
{
    private static readonly Dictionary<(string, string, string), string> Figures = new()
    {
        [("P1", "pop", "NDCG@10.maskAll")] = ".0204",
        [("P1", "pop", "Recall@10.maskAll")] = ".0426",
        [("P1", "itemknn", "NDCG@10.maskAll")] = ".0527",
        [("P1", "itemknn", "Recall@10.maskAll")] = ".0934",
        [("P1", "covis", "NDCG@10.maskAll")] = "≈ .074–.081",
        [("P1", "ease", "NDCG@10.maskAll")] = "≈ .064 (recency)",
        [("P1", "SASRec", "NDCG@10")] = ".0457",
        [("P1", "SASRec", "Recall@10")] = ".0902",
        [("P1", "SASRec", "NDCG@10.maskAll")] = ".0477",
        [("P1", "SASRec", "Recall@10.maskAll")] = ".0934",
        [("P2", "pop", "NDCG@10")] = ".2283",
        [("P2", "pop", "HR@10")] = ".3984",
        [("P2", "pop", "c20.NDCG@10")] = ".4836",
        [("P2", "itemknn", "NDCG@10")] = ".3225",
        [("P2", "itemknn", "HR@10")] = ".5262",
        [("P2", "itemknn", "c20.NDCG@10")] = ".5756",
        [("P2", "SASRec", "NDCG@10")] = ".3790",
        [("P2", "SASRec", "HR@10")] = ".6246",
        [("P2", "SASRec", "c20.NDCG@10")] = ".6528",
    };

    /// <summary>Systems with published figures but no implementation here, listed as reference rows.</summary>
    public static readonly string[] ReferenceOnlySystems = ["SASRec"];

    public static string? Find(string protocol, string system, string metric) =>
        Figures.TryGetValue((protocol, system, metric), out string? value) ? value : null;
}
