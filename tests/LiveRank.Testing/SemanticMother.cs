using LiveRank.Domain;
using LiveRank.Semantics;
using LiveRank.State;
using LiveRank.Text;

namespace LiveRank.Testing;

/// <summary>Real-time state with the semantic part attached, on the <see cref="KeywordEncoder"/>.</summary>
public static class SemanticMother
{
    /// <summary>Genre-like keywords the test titles use.</summary>
    public static readonly string[] Keywords = ["space", "romance", "war", "cooking", "horse"];

    public static KeywordEncoder Encoder() => new(Keywords);

    public static SemanticState NewSemantic(KeywordEncoder encoder, SemanticOptions? options = null, EmbeddingCache? cache = null) =>
        new(options ?? new SemanticOptions(), encoder.ModelId, encoder.Dimension, cache ?? EmbeddingCache.None(encoder.ModelId, encoder.Dimension), ItemTemplate.Generic.Render);

    public static LiveState NewState(SemanticState semantic, StateOptions? options = null) =>
        new(options ?? new StateOptions(), new EventTypeRegistry(), semantic);

    /// <summary>An item whose title carries the meaning the keyword encoder reads.</summary>
    public static Item Titled(string id, string title) => new() { Id = id, Title = title, CreatedAt = StateMother.Epoch };
}
