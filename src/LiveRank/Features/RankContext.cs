using LiveRank.Domain;
using LiveRank.Semantics;
using LiveRank.State;

namespace LiveRank.Features;

/// <summary>
/// Everything one ranking reads, gathered once: candidate item indices, the user's recent events, the clock,
/// and the feature matrix (one column per feature, one row per candidate). Pooled per thread and reused,
/// so the request path allocates nothing here.
/// </summary>
public sealed class RankContext
{
    private float[] _categoryPreference = new float[64];
    private int[] _touchedCategories = new int[64];
    private int _touchedCount;
    private double[] _upstreamScores = new double[128];
    private int[] _upstreamOrder = new int[128];

    internal RankContext(LiveState state, int featureCount)
    {
        State = state;
        FeatureCount = featureCount;
    }

    public LiveState State { get; }

    public int FeatureCount { get; }

    /// <summary>Number of candidates.</summary>
    public int Count { get; private set; }

    /// <summary>Item index of each candidate, or -1 for an id the catalog has never seen.</summary>
    public int[] ItemIndex { get; private set; } = new int[128];

    /// <summary>Upstream order as a prior in (0, 1]: 1 for the upstream's first candidate.</summary>
    public float[] UpstreamPrior { get; private set; } = new float[128];

    /// <summary>The user's recent events, oldest first; <see cref="UserEventCount"/> are valid.</summary>
    public RecentEvent[] UserEvents { get; private set; } = new RecentEvent[256];

    public int UserEventCount { get; private set; }

    /// <summary>The minute the user's event times count from (<see cref="RecentEvent.UnixSeconds"/>).</summary>
    public uint BaseMinute { get; private set; }

    /// <summary>Stream clock at the time of the request (unix seconds).</summary>
    public uint Now { get; private set; }

    /// <summary>Feature-major matrix: column f spans [f·Count, (f+1)·Count).</summary>
    public float[] Matrix { get; private set; } = new float[128 * 8];

    public Span<float> Column(int feature) => Matrix.AsSpan(feature * Count, Count);

    public ReadOnlySpan<RecentEvent> Events => UserEvents.AsSpan(0, UserEventCount);

    /// <summary>Which of the user's profile vectors were loaded (<see cref="SessionVector"/> etc.).</summary>
    public ProfileParts Profiles { get; private set; }

    /// <summary>Unit direction of the user's session profile; valid when <see cref="Profiles"/> says so.</summary>
    public float[] SessionVector { get; private set; } = [];

    public float[] LongTermVector { get; private set; } = [];

    public float[] NarrativeVector { get; private set; } = [];

    /// <summary>Scratch for features that gather item vectors (k × dimension floats).</summary>
    internal float[] VectorScratch(int floats)
    {
        if (_vectorScratch.Length < floats) _vectorScratch = new float[floats];
        return _vectorScratch;
    }

    private float[] _vectorScratch = [];
    private float[] _candidateVectors = [];
    private bool[] _hasCandidateVector = [];
    private bool _candidateVectorsDecoded;

    /// <summary>
    /// The LM vector of candidate <paramref name="candidate"/> as float32; empty when it has none. At float32 precision
    /// this is the stored row itself; at float16 / int8 every candidate is decoded once per request, on first use, so
    /// the features that each compare it with several vectors do not decode it again and again.
    /// </summary>
    internal ReadOnlySpan<float> CandidateVector(int candidate)
    {
        var table = State.Semantic!.Items;
        int item = ItemIndex[candidate];
        if (item < 0) return default;
        if (table.Precision == VectorPrecision.Float32) return table.Float32Row(item);
        if (!_candidateVectorsDecoded) DecodeCandidateVectors(table);
        int d = table.Dimension;
        return _hasCandidateVector[candidate] ? _candidateVectors.AsSpan(candidate * d, d) : default;
    }

    private void DecodeCandidateVectors(ItemVectorTable table)
    {
        int d = table.Dimension;
        if (_candidateVectors.Length < Count * d)
        {
            _candidateVectors = new float[Count * d];
            _hasCandidateVector = new bool[Count];
        }
        for (int c = 0; c < Count; c++)
            _hasCandidateVector[c] = ItemIndex[c] >= 0 && table.TryCopy(ItemIndex[c], _candidateVectors.AsSpan(c * d, d));
        _candidateVectorsDecoded = true;
    }

    /// <summary>Item index → co-visitation score for the current request; empty between uses.</summary>
    internal ScoreAccumulator CoVisitationScores { get; } = new();

    internal void Load(RankRequest request)
    {
        var candidates = request.Candidates;
        int n = candidates.Count;
        Reserve(n);

        bool allScored = true;
        for (int i = 0; i < n; i++)
        {
            var c = candidates[i];
            ItemIndex[i] = State.ItemIds.TryGet(c.Id, out int index) ? index : -1;
            allScored &= c.Score is double s && double.IsFinite(s);
        }
        FillUpstreamPrior(candidates, allScored);
        LoadUser(request.UserId, request.SessionId);
    }

    /// <summary>
    /// Reads what the request needs of the user: recent events, the stream clock and the profile vectors. Candidates
    /// come before (<see cref="Load(RankRequest)"/>) or after (<see cref="SetCandidates"/>, once a retriever has read
    /// the user to propose them).
    /// </summary>
    /// <param name="sessionId">The request's session: one other than the user's current session is a new visit, whose
    /// session profile is still empty (the previous session's intent stops counting; long-term taste returns).</param>
    internal void LoadUser(string userId, string? sessionId = null)
    {
        int capacity = State.Options.RecentEventsPerUser;
        if (UserEvents.Length < capacity) UserEvents = new RecentEvent[capacity];
        UserEventCount = State.CopyUserEvents(userId, UserEvents, out uint baseMinute);
        BaseMinute = baseMinute;
        Now = State.Clock;
        Profiles = ProfileParts.None;
        _candidateVectorsDecoded = false;
        if (State.Semantic is { } semantic)
        {
            int d = semantic.Dimension;
            if (SessionVector.Length != d)
            {
                SessionVector = new float[d];
                LongTermVector = new float[d];
                NarrativeVector = new float[d];
            }
            Profiles = State.CopyProfile(userId, SessionVector, LongTermVector, NarrativeVector);
            if ((Profiles & ProfileParts.Session) != 0 && State.IsNewSession(userId, sessionId)) Profiles &= ~ProfileParts.Session;
        }
        // The touched-category list is kept: CategoryScratch zeroes those entries before the next request uses them.
    }

    /// <summary>
    /// Candidates as item indices, in the order a retriever proposed them: that order is their upstream prior
    /// (1 − position/n), as for a request whose candidates carry no scores.
    /// </summary>
    internal void SetCandidates(ReadOnlySpan<int> items)
    {
        int n = items.Length;
        Reserve(n);
        items.CopyTo(ItemIndex);
        for (int i = 0; i < n; i++) UpstreamPrior[i] = 1f - (float)i / n;
        _candidateVectorsDecoded = false;
    }

    private void Reserve(int n)
    {
        Count = n;
        if (ItemIndex.Length < n)
        {
            ItemIndex = new int[n];
            UpstreamPrior = new float[n];
        }
        if (Matrix.Length < n * FeatureCount) Matrix = new float[n * FeatureCount];
    }

    private void FillUpstreamPrior(IReadOnlyList<RankCandidate> candidates, bool allScored)
    {
        int n = candidates.Count;
        if (!allScored)
        {
            for (int i = 0; i < n; i++) UpstreamPrior[i] = 1f - (float)i / n;
            return;
        }
        // Equal scores everywhere say nothing about order: every candidate gets the same prior.
        bool allEqual = true;
        for (int i = 1; i < n && allEqual; i++) allEqual = candidates[i].Score == candidates[0].Score;
        if (allEqual)
        {
            UpstreamPrior.AsSpan(0, n).Fill(1f);
            return;
        }
        // Position = rank by upstream score, highest first; ties keep input order.
        if (_upstreamScores.Length < n)
        {
            _upstreamScores = new double[n];
            _upstreamOrder = new int[n];
        }
        for (int i = 0; i < n; i++)
        {
            _upstreamScores[i] = candidates[i].Score!.Value;
            _upstreamOrder[i] = i;
        }
        var order = _upstreamOrder.AsSpan(0, n);
        order.Sort(new ByScoreDescending(_upstreamScores));
        for (int position = 0; position < n; position++) UpstreamPrior[order[position]] = 1f - (float)position / n;
    }

    private readonly struct ByScoreDescending(double[] scores) : IComparer<int>
    {
        public int Compare(int x, int y)
        {
            int c = scores[y].CompareTo(scores[x]);
            return c != 0 ? c : x.CompareTo(y);
        }
    }

    /// <summary>Dense per-category scratch, zeroed lazily; entries touched are tracked for the next reset.</summary>
    internal float[] CategoryScratch(int categoryCount)
    {
        if (_categoryPreference.Length < categoryCount)
        {
            _categoryPreference = new float[Math.Max(categoryCount, _categoryPreference.Length * 2)];
            _touchedCount = 0;
        }
        for (int i = 0; i < _touchedCount; i++) _categoryPreference[_touchedCategories[i]] = 0;
        _touchedCount = 0;
        return _categoryPreference;
    }

    internal void TouchCategory(int category)
    {
        if (_touchedCount == _touchedCategories.Length) Array.Resize(ref _touchedCategories, _touchedCategories.Length * 2);
        _touchedCategories[_touchedCount++] = category;
    }
}
