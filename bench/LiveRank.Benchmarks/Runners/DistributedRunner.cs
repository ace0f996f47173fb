using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using LiveRank.Server;
using LiveRank.Server.Hosting;
using LiveRank.Storage.Redis;
using LiveRank.Testing.Redis;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace LiveRank.Benchmarks.Runners;

/// <summary>
/// Distributed mode on this machine: one <c>redis-server</c> (append-only, everysec) and two LiveRank replicas (full HTTP
/// servers, in this process, each with its own Redis store). Measures, in order:
/// cross-replica visibility (an event acknowledged by A, then B's state holds it — polled in B's memory — and B's first
/// rerank ranks with it), rerank throughput and latency over HTTP against both replicas, event ingest throughput and
/// latency, and Redis memory per user (N users × 50 events; log form and after a snapshot trims the log) and per item.
/// </summary>
internal static class DistributedRunner
{
    private const int Items = 1_000;
    private const int Candidates = 100;
    private const int Concurrency = 8;

    public static async Task<int> RunAsync(string[] args)
    {
        Report.Environment();
        int users = args.Length > 0 && int.TryParse(args[0], CultureInfo.InvariantCulture, out int u) ? u : 10_000;
        double seconds = args.Length > 1 && double.TryParse(args[1], CultureInfo.InvariantCulture, out double s) ? s : 10;
        bool noLm = args.Contains("--no-lm");
        if (!RedisServerProcess.IsInstalled)
        {
            Console.Error.WriteLine("redis-server is not installed (apt-get install redis-server).");
            return 2;
        }
        await using var redis = await RedisServerProcess.StartNewAsync();
        string connection = $"redis://{redis.Endpoint}/bench";
        await using var a = await Replica.StartAsync(connection, noLm);
        await using var b = await Replica.StartAsync(connection, noLm);
        Console.WriteLine($"Redis {redis.Endpoint}, replicas {a.Address} and {b.Address}{(noLm ? ", language model off" : "")}");

        await PostAsync(a.Client, "/v1/items", ItemsBody(0, Items));
        await ItemMemoryAsync(a);

        bool ok = await VisibilityAsync(a, b);
        ok &= await RerankLoadAsync(a, b, seconds);
        await EventLoadAsync(a, b, seconds);
        await MemoryAsync(redis, a, users);
        return ok ? 0 : 1;
    }

    /// <summary>A's acknowledgement → B's state holds the event (B's log reader, no request) and → B's first rerank ranks with it.</summary>
    private static async Task<bool> VisibilityAsync(Replica a, Replica b)
    {
        const int samples = 300;
        string candidates = CandidateList(0);
        string cold = Ranking(await PostAsync(b.Client, "/v1/rerank", $$"""{"userId":"cold-user","candidates":[{{candidates}}]}"""));
        var propagation = new double[samples];
        var firstRerank = new double[samples];
        int seenByFirstRerank = 0;
        var bState = b.Store.State;
        for (int i = 0; i < samples; i++)
        {
            string user = "vis-" + i.ToString(CultureInfo.InvariantCulture);
            string item = "i" + (i % Items).ToString(CultureInfo.InvariantCulture);
            await PostAsync(a.Client, "/v1/events", $$"""{"events":[{"type":"purchase","userId":"{{user}}","itemId":"{{item}}"}]}""");
            long acked = Stopwatch.GetTimestamp();
            if (i % 2 == 0)
            {
                // Propagation alone: spin on B's memory until its log reader applied the event.
                while (!bState.HasUser(user)) Thread.SpinWait(50);
                propagation[i / 2] = Stopwatch.GetElapsedTime(acked).TotalMilliseconds;
            }
            else
            {
                string ranking = Ranking(await PostAsync(b.Client, "/v1/rerank", $$"""{"userId":"{{user}}","candidates":[{{candidates}}]}"""));
                firstRerank[i / 2] = Stopwatch.GetElapsedTime(acked).TotalMilliseconds;
                if (ranking != cold && bState.HasUser(user)) seenByFirstRerank++;
            }
        }
        var p = propagation[..(samples / 2)];
        var r = firstRerank[..(samples / 2)];
        Array.Sort(p);
        Array.Sort(r);
        Console.WriteLine($"Cross-replica visibility, {samples / 2} events each (event acknowledged by A → B):");
        Report.Line("B's state holds it, p50 / p90 / p99 / max", Quantiles(p));
        Report.Line("B's first rerank answered, p50 / p90 / p99 / max", Quantiles(r));
        Report.Line("first rerank on B ranked with the event", $"{seenByFirstRerank} of {samples / 2}");
        bool ok = Report.Target("visibility p99 (B's first rerank answered)", r[(int)(0.99 * (r.Length - 1))], 50, atMost: true, "ms");
        return ok & seenByFirstRerank == samples / 2;
    }

    private static async Task<bool> RerankLoadAsync(Replica a, Replica b, double seconds)
    {
        // Some history for the ranked users, so rankings use it.
        var history = new StringBuilder("""{"events":[""");
        for (int i = 0; i < 500; i++)
        {
            if (i > 0) history.Append(',');
            history.Append(CultureInfo.InvariantCulture,
                $$"""{"type":"view","userId":"r{{i % 100}}","itemId":"i{{(i * 7) % Items}}","sessionId":"s{{i % 100}}"}""");
        }
        await PostAsync(a.Client, "/v1/events", history.Append("]}").ToString());
        var bodies = new string[100];
        for (int i = 0; i < bodies.Length; i++) bodies[i] = $$"""{"userId":"r{{i}}","candidates":[{{CandidateList(i)}}]}""";
        var (calls, latencies, elapsed) = await LoadAsync(seconds, [a, b], (client, i) => PostAsync(client, "/v1/rerank", bodies[i % bodies.Length]));
        Console.WriteLine($"Rerank over HTTP, {Candidates} candidates, {Concurrency} concurrent clients on A and B, {seconds:N0} s:");
        Report.Line("ranks/s (both replicas)", Report.Number(calls / elapsed));
        Report.Line("latency p50 / p90 / p99 / max", Quantiles(latencies));
        return Report.Target("rerank p99 over HTTP, 2 replicas", latencies[(int)(0.99 * (latencies.Length - 1))], 50, atMost: true, "ms");
    }

    private static async Task EventLoadAsync(Replica a, Replica b, double seconds)
    {
        const int perBatch = 10;
        var (calls, latencies, elapsed) = await LoadAsync(seconds, [a, b], (client, i) =>
        {
            var body = new StringBuilder("""{"events":[""");
            for (int k = 0; k < perBatch; k++)
            {
                if (k > 0) body.Append(',');
                body.Append(CultureInfo.InvariantCulture,
                    $$"""{"type":"view","userId":"e{{(i * perBatch + k) % 5000}}","itemId":"i{{(i * 31 + k) % Items}}"}""");
            }
            return PostAsync(client, "/v1/events", body.Append("]}").ToString());
        });
        Console.WriteLine($"Event ingest over HTTP, batches of {perBatch}, {Concurrency} concurrent clients on A and B, {seconds:N0} s:");
        Report.Line("events/s acknowledged (both replicas)", Report.Number(calls * perBatch / elapsed));
        Report.Line("batch latency p50 / p90 / p99 / max", Quantiles(latencies));
    }

    /// <summary>Redis memory per catalog item: the item records in the log, then in a snapshot (record and statistics).</summary>
    private static async Task ItemMemoryAsync(Replica a)
    {
        Console.WriteLine($"Redis memory, {Items:N0} items:");
        var (itemLog, _) = await a.Store.StoredBytesAsync();
        Report.Line("per item, log form (item records)", $"{Report.Number(itemLog / (double)Items)} B");
        await a.Store.SnapshotAsync();
        var (_, itemSnapshot) = await a.Store.StoredBytesAsync();
        Report.Line("per item, snapshot form (record + statistics)", $"{Report.Number(itemSnapshot / (double)Items)} B");
    }

    /// <summary>
    /// Redis memory for users × 50 events: the deployment's keys (MEMORY USAGE of the log and the snapshot chunks) and
    /// INFO used_memory, with the users' events in the log, then after a snapshot trimmed the log.
    /// </summary>
    private static async Task MemoryAsync(RedisServerProcess redis, Replica a, int users)
    {
        Console.WriteLine($"Redis memory, {users:N0} users × 50 events (client ids):");
        await a.Store.SnapshotAsync();
        long usedBefore = await UsedMemoryAsync(redis);
        const int perBatch = 500;
        var body = new StringBuilder();
        for (int start = 0; start < users * 50; start += perBatch)
        {
            body.Clear().Append("""{"events":[""");
            for (int k = start; k < Math.Min(start + perBatch, users * 50); k++)
            {
                if (k > start) body.Append(',');
                // Each user's 50 events come in 50 different batches, as live traffic would send them.
                int user = k % users, n = k / users;
                body.Append(CultureInfo.InvariantCulture,
                    $$"""{"id":"m{{user}}-{{n}}","type":"view","userId":"mem-user-{{user}}","itemId":"i{{(user * 13 + n * 7) % Items}}","timestamp":{{1_700_000_000 + n * 60}}}""");
            }
            await PostAsync(a.Client, "/v1/events", body.Append("]}").ToString());
        }
        var (log, snapshotBefore) = await a.Store.StoredBytesAsync();
        long usedLog = await UsedMemoryAsync(redis);
        var watch = Stopwatch.StartNew();
        await a.Store.SnapshotAsync();
        double snapshotSeconds = watch.Elapsed.TotalSeconds;
        var (trimmedLog, snapshot) = await a.Store.StoredBytesAsync();
        long usedSnapshot = await UsedMemoryAsync(redis);
        Report.Line("per user, events in the log (log key)", $"{Report.Number(log / (double)users)} B");
        Report.Line("per user, events in the log (used_memory delta)", $"{Report.Number((usedLog - usedBefore) / (double)users)} B");
        double perUser = (snapshot + trimmedLog - snapshotBefore) / (double)users;
        Report.Line("per user, after a snapshot (snapshot keys)", $"{Report.Number(perUser)} B (snapshot took {snapshotSeconds:N1} s)");
        Report.Line("per user, after a snapshot (used_memory delta)", $"{Report.Number((usedSnapshot - usedBefore) / (double)users)} B");
        Report.Target("Redis memory per user with 50 recent events (snapshot form)", perUser, 1024, atMost: true, "B");
    }

    private static async Task<(long Calls, double[] SortedMs, double Seconds)> LoadAsync(double seconds, Replica[] replicas,
        Func<HttpClient, int, Task<string>> call)
    {
        var stop = Stopwatch.StartNew();
        var latencies = new List<double>[Concurrency];
        long calls = 0;
        var workers = new Task[Concurrency];
        for (int w = 0; w < Concurrency; w++)
        {
            int worker = w;
            latencies[w] = new List<double>(100_000);
            workers[w] = Task.Run(async () =>
            {
                var client = replicas[worker % replicas.Length].Client;
                for (int i = worker; stop.Elapsed.TotalSeconds < seconds; i += Concurrency)
                {
                    long t0 = Stopwatch.GetTimestamp();
                    await call(client, i);
                    latencies[worker].Add(Stopwatch.GetElapsedTime(t0).TotalMilliseconds);
                    Interlocked.Increment(ref calls);
                }
            });
        }
        await Task.WhenAll(workers);
        double elapsed = stop.Elapsed.TotalSeconds;
        double[] all = [.. latencies.SelectMany(l => l)];
        Array.Sort(all);
        return (calls, all, elapsed);
    }

    private static string Quantiles(double[] sorted) =>
        string.Join(" / ", new[] { 0.5, 0.9, 0.99, 1.0 }.Select(q => sorted[(int)(q * (sorted.Length - 1))].ToString("N2", CultureInfo.InvariantCulture))) + " ms";

    private static string CandidateList(int seed)
    {
        var list = new StringBuilder();
        for (int c = 0; c < Candidates; c++)
        {
            if (c > 0) list.Append(',');
            list.Append(CultureInfo.InvariantCulture, $$"""{"id":"i{{(seed * 17 + c * 7) % Items}}"}""");
        }
        return list.ToString();
    }

    private static string ItemsBody(int start, int count)
    {
        var body = new StringBuilder("""{"wait":true,"items":[""");
        for (int i = start; i < start + count; i++)
        {
            if (i > start) body.Append(',');
            body.Append(CultureInfo.InvariantCulture,
                $$"""{"id":"i{{i}}","title":"Item number {{i}} in series {{i % 37}}","categories":["c{{i % 20}}"],"price":{{i % 90 + 10}}}""");
        }
        return body.Append("]}").ToString();
    }

    /// <summary>The ranking without its per-request parts (request id, timing).</summary>
    private static string Ranking(string answer)
    {
        int start = answer.IndexOf("\"items\"", StringComparison.Ordinal), end = answer.IndexOf("\"tookMs\"", StringComparison.Ordinal);
        return start < 0 ? answer : answer[start..(end < start ? answer.Length : end)];
    }

    private static async Task<string> PostAsync(HttpClient client, string path, string json)
    {
        using var response = await client.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"));
        string text = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != HttpStatusCode.OK) throw new InvalidOperationException($"POST {path} answered {(int)response.StatusCode}: {text}");
        return text;
    }

    private static async Task<long> UsedMemoryAsync(RedisServerProcess redis)
    {
        string info = await redis.CommandAsync(CancellationToken.None, "INFO", "memory");
        foreach (string line in info.Split("\r\n"))
        {
            if (line.StartsWith("used_memory:", StringComparison.Ordinal)) return long.Parse(line["used_memory:".Length..], CultureInfo.InvariantCulture);
        }
        throw new InvalidOperationException("INFO memory has no used_memory:\n" + info);
    }

    /// <summary>One LiveRank server (the real app, Kestrel on a free port) on the shared Redis.</summary>
    private sealed class Replica : IAsyncDisposable
    {
        private readonly WebApplication _app;

        private Replica(WebApplication app, string address)
        {
            _app = app;
            Address = address;
            Client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 64 }) { BaseAddress = new Uri(address) };
            Store = (RedisStateStore)app.Services.GetRequiredService<StoreHost>().Store;
        }

        public string Address { get; }
        public HttpClient Client { get; }
        public RedisStateStore Store { get; }

        public static async Task<Replica> StartAsync(string connection, bool noLm)
        {
            string address = $"http://127.0.0.1:{FreePort()}";
            var app = LiveRankApp.Build(["--urls", address, $"--LiveRank:Store:Connection={connection}", "--LiveRank:Demo:Enabled=false",
                "--Logging:LogLevel:Default=Warning", $"--LiveRank:Semantic:Enabled={(!noLm).ToString(CultureInfo.InvariantCulture)}"]);
            await app.StartAsync();
            return new Replica(app, address);
        }

        public async ValueTask DisposeAsync()
        {
            Client.Dispose();
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        private static int FreePort()
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
    }
}
