using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;

namespace LiveRank.Benchmarks.Runners;

/// <summary>
/// <c>live-load URL [--events N/s] [--ranks N/s] [--batch N] [--seconds S] [--probes N/s] [--data DIR]</c>: drives a
/// running server (the bundled MovieLens demo loaded) with two paced, open-loop streams at once — events
/// (<c>POST /v1/events</c>, <c>--batch</c> per call) and reranks of 100 candidates (<c>POST /v1/rerank</c>) — and, on top,
/// freshness probes: a new user buys the first of 50 candidates, and the probe reranks those 50 for that user right
/// after the acknowledgement, again and again until the bought film ranks last (its visible effect). Latencies are
/// measured from each call's scheduled time, so a server that falls behind shows it (no coordinated omission).
/// Prints the event-to-visible distribution, the rank and event latencies and the rates achieved.
/// </summary>
internal static class LiveLoadRunner
{
    private const int RankCandidates = 100;
    private const int ProbeCandidates = 50;
    private const int MaxInFlight = 512;

    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length == 0 || args[0].StartsWith("--", StringComparison.Ordinal))
        {
            Console.Error.WriteLine("usage: live-load URL [--events 2000] [--ranks 1000] [--batch 10] [--seconds 30] [--probes 20] [--data samples/ml-latest-small]");
            return 64;
        }
        var baseAddress = new Uri(args[0]);
        double eventRate = Option(args, "--events", 2000), rankRate = Option(args, "--ranks", 1000), probeRate = Option(args, "--probes", 20);
        int batch = (int)Option(args, "--batch", 10);
        double seconds = Option(args, "--seconds", 30);
        string data = args.SkipWhile(a => a != "--data").Skip(1).FirstOrDefault() ?? Path.Combine("samples", "ml-latest-small");
        string[] items = ReadMovieIds(Path.Combine(data, "movies.csv"));

        using var client = new HttpClient(new SocketsHttpHandler
        {
            MaxConnectionsPerServer = 256,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            AutomaticDecompression = DecompressionMethods.None,
        })
        { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };

        Report.Environment();
        Console.WriteLine($"live-load against {baseAddress}: {eventRate:N0} events/s in calls of {batch}, {rankRate:N0} reranks/s of {RankCandidates}, "
                          + $"{probeRate:N0} freshness probes/s, {seconds:N0} s (after 5 s of warm-up at the same rates)");

        var random = new Random(7);
        byte[][] rankBodies = [.. Enumerable.Range(0, 512).Select(i => RerankBody($"load-user-{random.Next(2000)}", Draw(items, RankCandidates, random)))];
        var run = new LoadRun(client, items, batch, rankBodies);
        await run.RunAsync(eventRate, rankRate, probeRate, TimeSpan.FromSeconds(5), record: false);
        run.Reset();
        await run.RunAsync(eventRate, rankRate, probeRate, TimeSpan.FromSeconds(seconds), record: true);
        return run.Print(seconds, eventRate, rankRate) ? 0 : 1;
    }

    private static double Option(string[] args, string name, double fallback)
    {
        int i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? double.Parse(args[i + 1], System.Globalization.CultureInfo.InvariantCulture) : fallback;
    }

    private static string[] ReadMovieIds(string path) =>
        [.. File.ReadLines(path).Skip(1).Select(line => line[..line.IndexOf(',')])];

    private static string[] Draw(string[] items, int n, Random random)
    {
        var chosen = new HashSet<string>(StringComparer.Ordinal);
        while (chosen.Count < n) chosen.Add(items[random.Next(items.Length)]);
        return [.. chosen];
    }

    private static byte[] RerankBody(string user, string[] candidates)
    {
        var sb = new StringBuilder();
        sb.Append("{\"userId\":\"").Append(user).Append("\",\"candidates\":[");
        for (int i = 0; i < candidates.Length; i++) sb.Append(i == 0 ? "" : ",").Append("{\"id\":\"").Append(candidates[i]).Append("\"}");
        return Encoding.UTF8.GetBytes(sb.Append("]}").ToString());
    }

    /// <summary>One measured run of the three streams; latencies in milliseconds.</summary>
    private sealed class LoadRun(HttpClient client, string[] items, int batch, byte[][] rankBodies)
    {
        private readonly ConcurrentBag<double> _rankMs = [];
        private readonly ConcurrentBag<double> _eventMs = [];
        private readonly ConcurrentBag<double> _ackMs = [];
        private readonly ConcurrentBag<double> _visibleMs = [];
        private readonly ConcurrentBag<int> _attempts = [];
        private int _inFlight, _skipped, _failed, _probeSeq, _eventSeq;
        private long _eventsSent;

        public void Reset()
        {
            _rankMs.Clear();
            _eventMs.Clear();
            _ackMs.Clear();
            _visibleMs.Clear();
            _attempts.Clear();
            _skipped = _failed = 0;
            _eventsSent = 0;
        }

        public async Task RunAsync(double eventRate, double rankRate, double probeRate, TimeSpan duration, bool record)
        {
            var tasks = new List<Task>();
            var clock = Stopwatch.StartNew();
            long events = 0, ranks = 0, probes = 0, rankIndex = 0;
            var random = new Random(11);
            while (clock.Elapsed < duration)
            {
                double now = clock.Elapsed.TotalSeconds;
                // Open loop: everything due by now is started, each timed from its scheduled moment.
                while (events < now * eventRate / batch)
                {
                    int seed = random.Next();
                    Start(tasks, Stopwatch.GetTimestamp(), start => SendEventsAsync(start, seed), ref events);
                }
                while (ranks < now * rankRate)
                {
                    var body = rankBodies[rankIndex++ % rankBodies.Length];
                    Start(tasks, Stopwatch.GetTimestamp(), start => RankAsync(start, body), ref ranks);
                }
                while (probes < now * probeRate)
                {
                    int seed = random.Next();
                    Start(tasks, Stopwatch.GetTimestamp(), start => ProbeAsync(start, seed), ref probes);
                }
                tasks.RemoveAll(t => t.IsCompleted);
                await Task.Delay(1);
            }
            await Task.WhenAll(tasks);
        }

        private void Start(List<Task> tasks, long scheduled, Func<long, Task> call, ref long counter)
        {
            counter++;
            if (Volatile.Read(ref _inFlight) >= MaxInFlight)
            {
                Interlocked.Increment(ref _skipped); // the server is this far behind: count it, do not pile up more
                return;
            }
            Interlocked.Increment(ref _inFlight);
            tasks.Add(Task.Run(async () =>
            {
                try
                {
                    await call(scheduled);
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException or InvalidOperationException)
                {
                    Interlocked.Increment(ref _failed);
                }
                finally
                {
                    Interlocked.Decrement(ref _inFlight);
                }
            }));
        }

        private async Task SendEventsAsync(long scheduled, int seed)
        {
            var random = new Random(seed);
            var sb = new StringBuilder("{\"events\":[");
            for (int i = 0; i < batch; i++)
            {
                int n = Interlocked.Increment(ref _eventSeq);
                sb.Append(i == 0 ? "" : ",").Append("{\"id\":\"load-").Append(n).Append("\",\"type\":\"click\",\"userId\":\"load-user-")
                  .Append(random.Next(2000)).Append("\",\"itemId\":\"").Append(items[random.Next(items.Length)]).Append("\"}");
            }
            using var content = new StringContent(sb.Append("]}").ToString(), Encoding.UTF8, "application/json");
            using var response = await client.PostAsync("/v1/events", content);
            response.EnsureSuccessStatusCode();
            _eventMs.Add(Stopwatch.GetElapsedTime(scheduled).TotalMilliseconds);
            Interlocked.Add(ref _eventsSent, batch);
        }

        private async Task RankAsync(long scheduled, byte[] body)
        {
            using var content = new ByteArrayContent(body);
            content.Headers.ContentType = new("application/json");
            using var response = await client.PostAsync("/v1/rerank", content);
            response.EnsureSuccessStatusCode();
            await response.Content.ReadAsByteArrayAsync();
            _rankMs.Add(Stopwatch.GetElapsedTime(scheduled).TotalMilliseconds);
        }

        /// <summary>A new user buys the first candidate; the probe reranks until the bought film ranks last.</summary>
        private async Task ProbeAsync(long scheduled, int seed)
        {
            string user = $"probe-{Interlocked.Increment(ref _probeSeq)}-{seed}";
            string[] candidates = Draw(items, ProbeCandidates, new Random(seed));
            byte[] rerank = RerankBody(user, candidates);
            string bought = candidates[0];
            string ev = $"{{\"events\":[{{\"id\":\"{user}-buys\",\"type\":\"purchase\",\"userId\":\"{user}\",\"itemId\":\"{bought}\"}}]}}";
            using (var content = new StringContent(ev, Encoding.UTF8, "application/json"))
            using (var response = await client.PostAsync("/v1/events", content))
                response.EnsureSuccessStatusCode();
            long acknowledged = Stopwatch.GetTimestamp();
            _ackMs.Add(Stopwatch.GetElapsedTime(scheduled, acknowledged).TotalMilliseconds);
            for (int attempt = 1; attempt <= 1000; attempt++)
            {
                using var content = new ByteArrayContent(rerank);
                content.Headers.ContentType = new("application/json");
                using var response = await client.PostAsync("/v1/rerank", content);
                response.EnsureSuccessStatusCode();
                using var json = JsonDocument.Parse(await response.Content.ReadAsByteArrayAsync());
                var ranked = json.RootElement.GetProperty("items");
                if (ranked[ranked.GetArrayLength() - 1].GetProperty("id").GetString() == bought)
                {
                    _visibleMs.Add(Stopwatch.GetElapsedTime(acknowledged).TotalMilliseconds);
                    _attempts.Add(attempt);
                    return;
                }
            }
            throw new InvalidOperationException($"The purchase of {bought} by {user} never showed in its ranking.");
        }

        public bool Print(double seconds, double eventRate, double rankRate)
        {
            double eventsPerSecond = Interlocked.Read(ref _eventsSent) / seconds, ranksPerSecond = _rankMs.Count / seconds;
            Console.WriteLine("rates achieved");
            Report.Line("events/s (acknowledged)", Report.Number(eventsPerSecond));
            Report.Line("reranks/s (answered)", Report.Number(ranksPerSecond));
            Report.Line("calls skipped (512 in flight) / failed", $"{_skipped} / {_failed}");
            Distribution("rerank of 100, from its scheduled time (ms)", _rankMs);
            Distribution($"POST /v1/events of {batch}, from its scheduled time (ms)", _eventMs);
            Distribution("probe purchase: scheduled → acknowledged (ms)", _ackMs);
            Distribution("freshness: acknowledged → first rerank showing it (ms)", _visibleMs);
            int first = _attempts.Count(a => a == 1);
            Report.Line("probes visible on the first rerank", $"{first} of {_attempts.Count}");
            bool ok = Report.Target("events/s", eventsPerSecond, eventRate * 0.98, atMost: false, "/s");
            ok &= Report.Target("reranks/s", ranksPerSecond, rankRate * 0.98, atMost: false, "/s");
            ok &= Report.Target("rerank p99", Quantile(_rankMs, 0.99), 20, atMost: true, "ms");
            return ok;
        }

        private static void Distribution(string what, ConcurrentBag<double> values)
        {
            if (values.IsEmpty)
            {
                Report.Line(what, "none");
                return;
            }
            Report.Line(what, $"p50 {Quantile(values, 0.5):F2}  p90 {Quantile(values, 0.9):F2}  p99 {Quantile(values, 0.99):F2}  p99.9 {Quantile(values, 0.999):F2}  max {Quantile(values, 1):F2}  (n = {values.Count:N0})");
        }

        private static double Quantile(ConcurrentBag<double> values, double q)
        {
            var sorted = values.ToArray();
            if (sorted.Length == 0) return 0;
            Array.Sort(sorted);
            return sorted[Math.Min(sorted.Length - 1, (int)(q * sorted.Length))];
        }
    }
}
