namespace LiveRank.Training.Adapter;

/// <summary>
/// SplitMix64: a tiny PRNG with identical sequences on every runtime and machine, so a training seed reproduces a
/// model bit for bit; <see cref="Mix"/> derives independent streams (per epoch, per example) without shared state.
/// </summary>
internal struct TrainingRandom(ulong seed)
{
    private ulong _state = seed;

    public ulong NextUInt64()
    {
        ulong z = _state += 0x9E3779B97F4A7C15UL;
        return Finalise(z);
    }

    /// <summary>Uniform in [0, 1).</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform in [0, maxExclusive).</summary>
    public int Next(int maxExclusive) => (int)(NextDouble() * maxExclusive);

    /// <summary>A standard normal draw (Box–Muller).</summary>
    public double NextGaussian()
    {
        double u = 1.0 - NextDouble();
        double v = NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u)) * Math.Cos(2.0 * Math.PI * v);
    }

    /// <summary>A seed for the stream named <paramref name="b"/> under <paramref name="a"/>.</summary>
    public static ulong Mix(ulong a, ulong b) => Finalise(a * 0x9E3779B97F4A7C15UL + Finalise(b + 0x632BE59BD9B4E019UL));

    private static ulong Finalise(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
