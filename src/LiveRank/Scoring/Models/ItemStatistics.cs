namespace LiveRank.Scoring.Models;

/// <summary>
/// What a trained model knows of each of its items from the training log: when it was met (sorted interaction times,
/// so popularity can be counted over any window before any moment), its mean interest weight (e.g. the mean rating,
/// centred), its categories and its price. Indexed by the model's dense item index.
/// </summary>
public sealed class ItemStatistics
{
    public ItemStatistics(uint[][] times, float[] meanWeight, int[][] categories, string[] categoryNames, float[] prices)
    {
        int n = times.Length;
        if (meanWeight.Length != n || categories.Length != n || prices.Length != n)
            throw new ArgumentException("Every item statistic needs one entry per item.");
        Times = times;
        MeanWeight = meanWeight;
        Categories = categories;
        CategoryNames = categoryNames;
        Prices = prices;
    }

    public int ItemCount => Times.Length;

    /// <summary>Unix seconds of every training interaction with each item, ascending.</summary>
    public uint[][] Times { get; }

    /// <summary>Mean interest weight of each item's interactions (0 without any).</summary>
    public float[] MeanWeight { get; }

    /// <summary>Category ids (into <see cref="CategoryNames"/>) of each item.</summary>
    public int[][] Categories { get; }

    public string[] CategoryNames { get; }

    /// <summary>Price of each item, NaN when unknown.</summary>
    public float[] Prices { get; }

    /// <summary>Interactions with <paramref name="item"/> in (<paramref name="now"/> − <paramref name="window"/>, <paramref name="now"/>].</summary>
    public int CountBetween(int item, uint now, uint window)
    {
        var times = Times[item];
        uint from = now > window ? now - window : 0;
        return UpperBound(times, now) - UpperBound(times, from);
    }

    /// <summary>Interactions with <paramref name="item"/> up to and including <paramref name="now"/>.</summary>
    public int CountUntil(int item, uint now) => UpperBound(Times[item], now);

    private static int UpperBound(uint[] times, uint value)
    {
        int low = 0, high = times.Length;
        while (low < high)
        {
            int mid = (low + high) >>> 1;
            if (times[mid] <= value) low = mid + 1;
            else high = mid;
        }
        return low;
    }

    public void Write(BinaryWriter writer)
    {
        writer.Write(ItemCount);
        writer.Write(CategoryNames.Length);
        foreach (string name in CategoryNames) writer.Write(name);
        for (int i = 0; i < ItemCount; i++)
        {
            writer.Write(Times[i].Length);
            foreach (uint t in Times[i]) writer.Write(t);
            writer.Write(MeanWeight[i]);
            writer.Write((byte)Math.Min(Categories[i].Length, 255));
            foreach (int c in Categories[i].AsSpan(0, Math.Min(Categories[i].Length, 255))) writer.Write(c);
            writer.Write(Prices[i]);
        }
    }

    public static ItemStatistics Read(BinaryReader reader, int itemCount)
    {
        int n = reader.ReadInt32();
        if (n != itemCount) throw new ModelFormatException($"The item statistics cover {n:N0} items, the model {itemCount:N0}.");
        int categoryCount = reader.ReadInt32();
        if (categoryCount is < 0 or > 10_000_000) throw new ModelFormatException("The category vocabulary is corrupt.");
        var names = new string[categoryCount];
        for (int c = 0; c < categoryCount; c++) names[c] = reader.ReadString();
        var times = new uint[n][];
        var mean = new float[n];
        var categories = new int[n][];
        var prices = new float[n];
        for (int i = 0; i < n; i++)
        {
            int count = reader.ReadInt32();
            if (count is < 0 or > 100_000_000) throw new ModelFormatException($"Item {i}'s interaction times are corrupt.");
            times[i] = new uint[count];
            for (int k = 0; k < count; k++) times[i][k] = reader.ReadUInt32();
            for (int k = 1; k < count; k++)
                if (times[i][k] < times[i][k - 1]) throw new ModelFormatException($"Item {i}'s interaction times are not sorted.");
            mean[i] = reader.ReadSingle();
            categories[i] = new int[reader.ReadByte()];
            for (int k = 0; k < categories[i].Length; k++)
            {
                int c = reader.ReadInt32();
                if ((uint)c >= (uint)categoryCount) throw new ModelFormatException($"Item {i} names a category outside the vocabulary.");
                categories[i][k] = c;
            }
            prices[i] = reader.ReadSingle();
        }
        return new ItemStatistics(times, mean, categories, names, prices);
    }
}
