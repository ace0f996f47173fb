namespace LiveRank.Server.Security;

/// <summary>What an API key may do. Scopes are independent: a key that ranks and ingests lists both.</summary>
[Flags]
public enum ApiScope
{
    None = 0,

    /// <summary>Ranking and reading: rerank, recommend, embeddings, item and model reads.</summary>
    Rank = 1,

    /// <summary>Writing the catalog and events.</summary>
    Ingest = 2,

    /// <summary>Personal data and operations: user reads, export and deletion, model reload, unknown /v1 endpoints.</summary>
    Admin = 4,
}
