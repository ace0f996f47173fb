using LiveRank.Domain;

namespace LiveRank.Evaluation.Diversity;

/// <summary>
/// Each item's genres (its catalog categories) as small integer ids, for genre α-NDCG. An item without any genre
/// carries the pseudo-genre <see cref="None"/>, so that a user whose held-out item has no genre still has one
/// subtopic (the other items without genre) rather than an undefined score.
/// </summary>
public sealed class ItemGenres
{
    public const string None = "(none)";

    private readonly int[][] _genres;

    public ItemGenres(IReadOnlyList<IReadOnlyList<string>> genresPerItem)
    {
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        var names = new List<string>();
        _genres = new int[genresPerItem.Count][];
        for (int i = 0; i < _genres.Length; i++)
        {
            var list = genresPerItem[i].Count == 0 ? [None] : genresPerItem[i];
            var row = new List<int>(list.Count);
            foreach (string name in list)
            {
                if (!ids.TryGetValue(name, out int id))
                {
                    id = names.Count;
                    ids.Add(name, id);
                    names.Add(name);
                }
                if (!row.Contains(id)) row.Add(id);
            }
            _genres[i] = [.. row];
        }
        Names = names;
    }

    /// <summary>Genre names by id.</summary>
    public IReadOnlyList<string> Names { get; }

    public int ItemCount => _genres.Length;

    public ReadOnlySpan<int> Of(int item) => _genres[item];

    /// <summary>Genres from the split's catalog records (categories); null when the dataset has no catalog.</summary>
    public static ItemGenres? FromItems(IReadOnlyList<Item?>? items) =>
        items is null ? null : new ItemGenres([.. items.Select(i => i?.Categories ?? [])]);
}
