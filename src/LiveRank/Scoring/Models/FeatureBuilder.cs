using System.Numerics.Tensors;
using LiveRank.Retrieval;

namespace LiveRank.Scoring.Models;

/// <summary>
/// Computes <see cref="RankingFeatures"/> for one user and a set of candidates, and proposes candidates from the
/// model's retrievers. <see cref="Prepare"/> reads the user once (sparse retriever sums, adapter user vector, LM
/// profile vectors, category shares); <see cref="Fill"/> then writes one feature-major column per feature. Training,
/// offline evaluation and serving all go through this class, so a model is always fed what it was trained on.
/// One instance per thread; buffers are reused, so a steady request stream allocates nothing here.
/// </summary>
public sealed class FeatureBuilder
{
    private const float Day = 86_400f;
    private const int ProfileItems = 200;
    private static readonly int SparseRetrievers = 5;

    private readonly RankingModel _model;
    private readonly float[][] _sparse;
    private readonly TouchedItems[] _touched;
    private readonly float[] _categoryAll;
    private readonly float[] _categoryRecent;
    private readonly List<int> _touchedCategories = [];
    private readonly float[] _user;
    private readonly float[] _itemScratch;
    private float[] _historyVectors = [];
    private bool[] _historyHasVector = [];
    private float[] _recentMean = [];
    private float[] _profile = [];
    private float[] _candidateVector = [];
    private float[] _order = [];
    private int[] _orderIndex = [];
    private bool[] _inUnion;
    private float[] _dense = [];

    private UserSequence _sequence = new();
    private ItemSpace? _space;
    private int _historyVectorCount;
    private bool _hasRecentMean;
    private bool _hasProfile;
    private float _categoryAllTotal;
    private float _categoryRecentTotal;
    private double _meanLogPrice = double.NaN;

    public FeatureBuilder(RankingModel model)
    {
        _model = model;
        int n = model.ItemCount;
        _sparse = new float[SparseRetrievers][];
        _touched = new TouchedItems[SparseRetrievers];
        for (int r = 0; r < SparseRetrievers; r++)
        {
            _sparse[r] = new float[n];
            _touched[r] = new TouchedItems();
        }
        _categoryAll = new float[model.Statistics.CategoryNames.Length];
        _categoryRecent = new float[model.Statistics.CategoryNames.Length];
        _user = new float[model.Adapter?.Rank ?? 0];
        _itemScratch = new float[model.Adapter?.Rank ?? 0];
        _inUnion = new bool[n];
    }

    public RankingModel Model => _model;

    /// <summary>Reads the user: call before <see cref="Fill"/> and <see cref="Retrieve"/>.</summary>
    public void Prepare(UserSequence sequence, ItemSpace space)
    {
        _sequence = sequence;
        _space = space;
        var settings = _model.Settings;
        for (int r = 0; r < SparseRetrievers; r++) _touched[r].Clear(_sparse[r]);

        var items = sequence.Items;
        // Sparse retrievers: the newest RecentItems items, newest weighted 1, then decay, decay², …
        float weight = 1f;
        int stop = Math.Max(0, items.Length - settings.RecentItems);
        for (int p = items.Length - 1; p >= stop; p--)
        {
            int m = space.ModelIndex(items[p]);
            if (m >= 0)
            {
                _model.CoVisitation.AddRow(m, weight, _sparse[0], _touched[0]);
                _model.SymmetricCoVisitation.AddRow(m, weight, _sparse[1], _touched[1]);
                _model.Markov.AddRow(m, weight, _sparse[2], _touched[2]);
                _model.LmNeighbours?.AddRow(m, weight, _sparse[4], _touched[4]);
            }
            weight *= settings.RecencyDecay;
        }
        // EASE reads the whole history with its own (steeper) decay; past 1e-4 an item changes no order that matters.
        weight = 1f;
        for (int p = items.Length - 1; p >= 0 && weight >= 1e-4f; p--)
        {
            int m = space.ModelIndex(items[p]);
            if (m >= 0) _model.Ease.AddRow(m, weight, _sparse[3], _touched[3]);
            weight *= settings.EaseDecay;
        }

        PrepareVectors(sequence, space);
        PrepareCategories(sequence, space);
    }

    private void PrepareVectors(UserSequence sequence, ItemSpace space)
    {
        int d = space.Dimension;
        _historyVectorCount = 0;
        _hasRecentMean = _hasProfile = false;
        if (d == 0) return;
        var adapter = _model.Adapter;
        int window = Math.Max(_model.Settings.LmRecentItems, adapter?.Window ?? 0);
        int take = Math.Min(sequence.Count, Math.Max(window, ProfileItems));
        if (_historyVectors.Length < take * d)
        {
            _historyVectors = new float[take * d];
            _historyHasVector = new bool[take];
        }
        if (_recentMean.Length != d)
        {
            _recentMean = new float[d];
            _profile = new float[d];
            _candidateVector = new float[d];
        }
        var items = sequence.Items;
        int first = items.Length - take;
        for (int k = 0; k < take; k++)
            _historyHasVector[k] = space.TryCopyVector(items[first + k], _historyVectors.AsSpan(k * d, d));
        _historyVectorCount = take;

        // Mean of the newest LmRecentItems vectors, and a long-term profile weighted by interest (dislikes left out).
        _recentMean.AsSpan().Clear();
        _profile.AsSpan().Clear();
        var weights = sequence.Weights;
        for (int k = 0; k < take; k++)
        {
            if (!_historyHasVector[k]) continue;
            var v = _historyVectors.AsSpan(k * d, d);
            if (k >= take - _model.Settings.LmRecentItems)
            {
                TensorPrimitives.Add(_recentMean, v, _recentMean);
                _hasRecentMean = true;
            }
            float w = weights[first + k];
            if (w > 0)
            {
                TensorPrimitives.MultiplyAdd(v, w, _profile, _profile);
                _hasProfile = true;
            }
        }
        _hasRecentMean &= Normalize(_recentMean);
        _hasProfile &= Normalize(_profile);

        if (adapter is not null)
        {
            // The adapter's window: the newest Window items that have vectors, oldest first.
            int m = Math.Min(adapter.Window, take);
            int start = take - m;
            int count = 0;
            var gathered = _adapterInput.Length >= m * d ? _adapterInput : _adapterInput = new float[Math.Max(m, 1) * d];
            if (_adapterWeights.Length < m) _adapterWeights = new float[m];
            for (int k = start; k < take; k++)
            {
                if (!_historyHasVector[k]) continue;
                _historyVectors.AsSpan(k * d, d).CopyTo(gathered.AsSpan(count * d, d));
                _adapterWeights[count] = weights[first + k];
                count++;
            }
            adapter.EncodeUser(gathered.AsSpan(0, count * d), _adapterWeights.AsSpan(0, count), _user);
        }
    }

    private float[] _adapterInput = [];
    private float[] _adapterWeights = [];

    private static bool Normalize(Span<float> v)
    {
        float norm = TensorPrimitives.Norm<float>(v);
        if (norm <= 1e-12f) return false;
        TensorPrimitives.Divide(v, norm, v);
        return true;
    }

    private void PrepareCategories(UserSequence sequence, ItemSpace space)
    {
        foreach (int c in _touchedCategories)
        {
            _categoryAll[c] = 0;
            _categoryRecent[c] = 0;
        }
        _touchedCategories.Clear();
        _categoryAllTotal = _categoryRecentTotal = 0;
        double logPrice = 0;
        int priced = 0;
        var items = sequence.Items;
        int recentStart = items.Length - _model.Settings.RecentItems;
        for (int p = 0; p < items.Length; p++)
        {
            foreach (int c in space.Categories(items[p]))
            {
                if (_categoryAll[c] == 0 && _categoryRecent[c] == 0) _touchedCategories.Add(c);
                _categoryAll[c]++;
                _categoryAllTotal++;
                if (p >= recentStart)
                {
                    _categoryRecent[c]++;
                    _categoryRecentTotal++;
                }
            }
            float price = space.Price(items[p]);
            if (price > 0)
            {
                logPrice += Math.Log(price);
                priced++;
            }
        }
        _meanLogPrice = priced == 0 ? double.NaN : logPrice / priced;
    }

    /// <summary>
    /// Writes the features of <paramref name="candidates"/> (items of the prepared space) into the feature-major
    /// <paramref name="matrix"/> (column f spans [f·n, (f+1)·n)). <paramref name="upstream"/> holds the caller's
    /// scores (empty = none); <paramref name="treatAsCold"/> (empty = none) hides a candidate's interaction statistics,
    /// as training does to teach the combiner what a never-seen item looks like.
    /// </summary>
    public void Fill(ReadOnlySpan<int> candidates, ReadOnlySpan<double> upstream, ReadOnlySpan<bool> treatAsCold, Span<float> matrix)
    {
        var space = _space ?? throw new InvalidOperationException("Prepare before Fill.");
        int n = candidates.Length;
        int f = RankingFeatures.Count;
        if (matrix.Length < n * f) throw new ArgumentException($"The matrix needs {n * f} floats.", nameof(matrix));
        var sequence = _sequence;
        var statistics = _model.Statistics;
        uint now = sequence.Now;
        int d = space.Dimension;
        var adapter = _model.Adapter;

        UserColumns(sequence, n, matrix);
        for (int c = 0; c < n; c++)
        {
            int item = candidates[c];
            int m = treatAsCold.IsEmpty || !treatAsCold[c] ? space.ModelIndex(item) : -1;

            // Retriever scores (the sparse sums read 0 for an item outside the model).
            for (int r = 0; r < SparseRetrievers; r++)
                matrix[RankingFeatures.RetrieverColumn(r) * n + c] = m >= 0 ? _sparse[r][m] : 0f;
            if (_model.LmNeighbours is null) matrix[RankingFeatures.RetrieverColumn(RankingFeatures.LmNeighbours) * n + c] = float.NaN;

            bool hasVector = d > 0 && space.TryCopyVector(item, _candidateVector);
            float adapterScore = float.NaN;
            if (adapter is not null)
            {
                if (m >= 0 && _model.AdapterItems is { } table)
                    adapterScore = adapter.Score(_user, table.AsSpan(m * adapter.Rank, adapter.Rank));
                else if (hasVector)
                {
                    adapter.EncodeItem(_candidateVector, -1, _itemScratch);
                    adapterScore = adapter.Score(_user, _itemScratch);
                }
            }
            matrix[RankingFeatures.RetrieverColumn(RankingFeatures.Adapter) * n + c] = adapterScore;

            // Popularity over windows that end at the ranking's moment.
            if (m >= 0)
            {
                float all = statistics.CountUntil(m, now);
                float week = statistics.CountBetween(m, now, 7 * 86_400);
                float month = statistics.CountBetween(m, now, 30 * 86_400);
                float year = statistics.CountBetween(m, now, 365 * 86_400);
                matrix[RankingFeatures.PopularityAll * n + c] = MathF.Log(1 + all);
                matrix[RankingFeatures.Popularity7d * n + c] = MathF.Log(1 + week);
                matrix[RankingFeatures.Popularity30d * n + c] = MathF.Log(1 + month);
                matrix[RankingFeatures.Popularity365d * n + c] = MathF.Log(1 + year);
                matrix[RankingFeatures.Trend * n + c] = MathF.Log((1 + month) / (1 + year / 12f));
                var times = statistics.Times[m];
                matrix[RankingFeatures.ItemAgeDays * n + c] = times.Length == 0 ? float.NaN : ((float)now - times[0]) / Day;
                matrix[RankingFeatures.ItemMeanWeight * n + c] = times.Length == 0 ? float.NaN : statistics.MeanWeight[m];
                matrix[RankingFeatures.ItemWarm * n + c] = 1f;
            }
            else
            {
                matrix[RankingFeatures.PopularityAll * n + c] = 0f;
                matrix[RankingFeatures.Popularity7d * n + c] = 0f;
                matrix[RankingFeatures.Popularity30d * n + c] = 0f;
                matrix[RankingFeatures.Popularity365d * n + c] = 0f;
                matrix[RankingFeatures.Trend * n + c] = 0f;
                matrix[RankingFeatures.ItemAgeDays * n + c] = float.NaN;
                matrix[RankingFeatures.ItemMeanWeight * n + c] = float.NaN;
                matrix[RankingFeatures.ItemWarm * n + c] = 0f;
            }

            LmColumns(c, n, hasVector, matrix);
            CategoryColumns(space, item, c, n, matrix);

            float price = space.Price(item);
            matrix[RankingFeatures.PriceDistance * n + c] = price > 0 && !double.IsNaN(_meanLogPrice)
                ? (float)Math.Abs(Math.Log(price) - _meanLogPrice) : float.NaN;

            SeenColumns(sequence, item, c, n, now, matrix);
        }
        UpstreamColumns(upstream, n, matrix);
        RankColumns(n, matrix);
        // NaN marks "does not exist" while filling (the rank columns skip it); the combiner reads the sentinel.
        var filled = matrix[..(n * f)];
        for (int i = 0; i < filled.Length; i++) if (float.IsNaN(filled[i])) filled[i] = RankingFeatures.Missing;
    }

    private void UserColumns(UserSequence sequence, int n, Span<float> matrix)
    {
        var times = sequence.Times;
        float length = MathF.Log(1 + sequence.Count);
        // Mean gap over the newest 20 events, and how many events the current session holds.
        int start = Math.Max(1, times.Length - 20);
        double gaps = 0;
        for (int p = start; p < times.Length; p++) gaps += Math.Max(0, (double)times[p] - times[p - 1]);
        float meanGap = times.Length < 2 ? float.NaN : (float)Math.Log(1 + gaps / (times.Length - start));
        int session = times.Length == 0 ? 0 : 1;
        for (int p = times.Length - 1; p > 0 && (long)times[p] - times[p - 1] <= _model.Settings.SessionGapSeconds; p--) session++;
        matrix.Slice(RankingFeatures.UserLength * n, n).Fill(length);
        matrix.Slice(RankingFeatures.UserMeanGap * n, n).Fill(meanGap);
        matrix.Slice(RankingFeatures.SessionSize * n, n).Fill(session);
    }

    private void LmColumns(int c, int n, bool hasVector, Span<float> matrix)
    {
        float last = float.NaN, max = float.NaN, mean = float.NaN, profile = float.NaN;
        int d = _candidateVector.Length;
        if (hasVector && _historyVectorCount > 0)
        {
            var candidate = _candidateVector.AsSpan();
            int newest = _historyVectorCount - 1;
            if (_historyHasVector[newest]) last = TensorPrimitives.Dot(candidate, _historyVectors.AsSpan(newest * d, d));
            int stop = Math.Max(0, _historyVectorCount - _model.Settings.LmRecentItems);
            for (int k = newest; k >= stop; k--)
            {
                if (!_historyHasVector[k]) continue;
                float s = TensorPrimitives.Dot(candidate, _historyVectors.AsSpan(k * d, d));
                if (float.IsNaN(max) || s > max) max = s;
            }
            if (_hasRecentMean) mean = TensorPrimitives.Dot(candidate, _recentMean);
            if (_hasProfile) profile = TensorPrimitives.Dot(candidate, _profile);
        }
        matrix[RankingFeatures.LmLast * n + c] = last;
        matrix[RankingFeatures.LmMaxRecent * n + c] = max;
        matrix[RankingFeatures.LmMeanRecent * n + c] = mean;
        matrix[RankingFeatures.LmProfile * n + c] = profile;
    }

    private void CategoryColumns(ItemSpace space, int item, int c, int n, Span<float> matrix)
    {
        var categories = space.Categories(item);
        float all = float.NaN, recent = float.NaN;
        if (categories.Length > 0)
        {
            float sumAll = 0, sumRecent = 0;
            foreach (int category in categories)
            {
                sumAll += _categoryAll[category];
                sumRecent += _categoryRecent[category];
            }
            all = _categoryAllTotal > 0 ? sumAll / _categoryAllTotal / categories.Length : 0f;
            recent = _categoryRecentTotal > 0 ? sumRecent / _categoryRecentTotal / categories.Length : 0f;
        }
        matrix[RankingFeatures.CategoryAffinity * n + c] = all;
        matrix[RankingFeatures.CategoryRecent * n + c] = recent;
    }

    private static void SeenColumns(UserSequence sequence, int item, int c, int n, uint now, Span<float> matrix)
    {
        var items = sequence.Items;
        int count = 0;
        uint lastTime = 0;
        for (int p = 0; p < items.Length; p++)
        {
            if (items[p] != item) continue;
            count++;
            lastTime = sequence.Times[p];
        }
        matrix[RankingFeatures.SeenCount * n + c] = count;
        matrix[RankingFeatures.SeenDaysAgo * n + c] = count == 0 ? float.NaN : ((float)now - lastTime) / Day;
    }

    private void UpstreamColumns(ReadOnlySpan<double> upstream, int n, Span<float> matrix)
    {
        var scores = matrix.Slice(RankingFeatures.UpstreamScore * n, n);
        var positions = matrix.Slice(RankingFeatures.UpstreamPosition * n, n);
        if (upstream.IsEmpty)
        {
            scores.Fill(float.NaN);
            positions.Fill(float.NaN);
            return;
        }
        for (int c = 0; c < n; c++) scores[c] = (float)upstream[c];
        RankOf(scores, positions, n);
    }

    /// <summary>Normalised score (score / max for the sums, score − max for the adapter) and rank (1 = best) of each retriever.</summary>
    private void RankColumns(int n, Span<float> matrix)
    {
        for (int r = 0; r < RankingFeatures.Retrievers.Length; r++)
        {
            int column = RankingFeatures.RetrieverColumn(r);
            var score = matrix.Slice(column * n, n);
            var norm = matrix.Slice((column + 1) * n, n);
            var rank = matrix.Slice((column + 2) * n, n);
            float max = float.NegativeInfinity;
            foreach (float s in score) if (!float.IsNaN(s) && s > max) max = s;
            for (int c = 0; c < n; c++)
            {
                float s = score[c];
                norm[c] = float.IsNaN(s) || float.IsNegativeInfinity(max) ? float.NaN
                    : r == RankingFeatures.Adapter ? s - max
                    : max > 0 ? s / max : 0f;
            }
            RankOf(score, rank, n);
        }
    }

    /// <summary>Rank of each value among the others, descending, 1-based; NaN values get NaN; ties share the better rank.</summary>
    private void RankOf(ReadOnlySpan<float> values, Span<float> ranks, int n)
    {
        if (_order.Length < n)
        {
            _order = new float[n];
            _orderIndex = new int[n];
        }
        int count = 0;
        for (int c = 0; c < n; c++)
        {
            if (float.IsNaN(values[c]))
            {
                ranks[c] = float.NaN;
                continue;
            }
            _order[count] = -values[c];
            _orderIndex[count] = c;
            count++;
        }
        Array.Sort(_order, _orderIndex, 0, count);
        for (int k = 0; k < count; k++)
            ranks[_orderIndex[k]] = k > 0 && _order[k] == _order[k - 1] ? ranks[_orderIndex[k - 1]] : k + 1;
    }

    /// <summary>
    /// The candidate set of a recommendation: the top <see cref="ModelSettings.RetrievePerRetriever"/> items of every
    /// retriever (co-visitation, symmetric co-visitation, Markov, EASE, LM neighbours, adapter) and the
    /// <see cref="ModelSettings.RetrievePopular"/> items most popular over the past year, unioned, as items of the
    /// prepared space. Items of the user's history are left out unless <paramref name="includeSeen"/>.
    /// </summary>
    public void Retrieve(bool includeSeen, List<int> destination)
    {
        var space = _space ?? throw new InvalidOperationException("Prepare before Retrieve.");
        destination.Clear();
        var settings = _model.Settings;
        int n = _model.ItemCount;
        if (!includeSeen)
        {
            foreach (int item in _sequence.Items)
            {
                int m = space.ModelIndex(item);
                if (m >= 0) _inUnion[m] = true;
            }
        }
        var picked = _picked;
        picked.Clear();
        for (int r = 0; r < SparseRetrievers; r++) TopOfSparse(_sparse[r], _touched[r].Items, settings.RetrievePerRetriever, picked);
        if (_model.Adapter is { } adapter && _model.AdapterItems is { } table && _historyVectorCount > 0)
        {
            if (_dense.Length < n) _dense = new float[n];
            for (int m = 0; m < n; m++) _dense[m] = adapter.Score(_user, table.AsSpan(m * adapter.Rank, adapter.Rank));
            TopOfDense(_dense.AsSpan(0, n), settings.RetrievePerRetriever, picked);
        }
        if (settings.RetrievePopular > 0)
        {
            if (_dense.Length < n) _dense = new float[n];
            uint now = _sequence.Now;
            for (int m = 0; m < n; m++) _dense[m] = _model.Statistics.CountBetween(m, now, 365 * 86_400) + 1e-3f * _model.Statistics.CountUntil(m, now);
            TopOfDense(_dense.AsSpan(0, n), settings.RetrievePopular, picked);
        }
        foreach (int m in picked)
        {
            if (_inUnion[m]) continue;
            _inUnion[m] = true;
            int item = space.FromModelIndex(m);
            if (item >= 0) destination.Add(item);
        }
        foreach (int m in picked) _inUnion[m] = false;
        foreach (int item in _sequence.Items)
        {
            int m = space.ModelIndex(item);
            if (m >= 0) _inUnion[m] = false;
        }
    }

    private readonly List<int> _picked = [];
    private readonly TopItems _top = new();
    private int[] _drained = new int[256];

    private void TopOfSparse(float[] scores, ReadOnlySpan<int> touched, int k, List<int> picked)
    {
        if (k <= 0 || touched.IsEmpty) return;
        _top.Reset(k);
        foreach (int item in touched) _top.Offer(scores[item], item);
        Drain(picked);
    }

    private void TopOfDense(ReadOnlySpan<float> scores, int k, List<int> picked)
    {
        if (k <= 0) return;
        _top.Reset(k);
        for (int item = 0; item < scores.Length; item++) _top.Offer(scores[item], item);
        Drain(picked);
    }

    private void Drain(List<int> picked)
    {
        if (_drained.Length < _top.Count) _drained = new int[_top.Count];
        int n = _top.Drain(_drained);
        for (int i = 0; i < n; i++) picked.Add(_drained[i]);
    }
}
