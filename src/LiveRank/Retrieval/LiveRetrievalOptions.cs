using System.ComponentModel.DataAnnotations;
using LiveRank.Domain;

namespace LiveRank.Retrieval;

/// <summary>How <see cref="LiveCandidateRetriever"/> proposes candidates from live state. Section <c>LiveRank:Retrieval</c>.</summary>
public sealed class LiveRetrievalOptions
{
    /// <summary>
    /// Candidates proposed per recommendation (a request for more items than this proposes as many as it asks for, up
    /// to <see cref="RankRequest.MaxCandidates"/>). Co-visitation takes at most half, the LM neighbours what is left
    /// but a quarter, popular items fill the rest.
    /// </summary>
    [Range(1, RankRequest.MaxCandidates)]
    public int MaxCandidates { get; set; } = 300;

    /// <summary>
    /// LM neighbour queries from the user's last distinct liked items, besides the session (else long-term) profile.
    /// Each query is one more dot product per catalog item; 0 keeps only the profile.
    /// </summary>
    [Range(0, 10)]
    public int RecentItemQueries { get; set; } = 2;

    /// <summary>
    /// Least time between two rebuilds of the popular list (a scan of the catalog). Between rebuilds the list may miss
    /// the latest events' effect on popularity; a quiet state is never rescanned.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan PopularRefresh { get; set; } = TimeSpan.FromMilliseconds(100);
}
