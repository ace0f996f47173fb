namespace LiveRank.Explanations;

/// <summary>An item from the user's history close to a ranked item in the language model's space.</summary>
/// <param name="Similarity">Cosine similarity of the two items' LM vectors.</param>
/// <param name="Interaction">What the user did with it: "rated 5/5", "bought", "clicked", "added to cart"…</param>
public sealed record HistoryMatch(string ItemId, string Title, float Similarity, string Interaction);
