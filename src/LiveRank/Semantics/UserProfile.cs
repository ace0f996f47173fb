using System.Numerics.Tensors;

namespace LiveRank.Semantics;

/// <summary>
/// A user's LM profile vectors: time-decayed weighted sums of the vectors of the items the user interacted with
/// (session: reset when a session starts, half-life minutes; long-term: half-life days), plus the vector of the
/// encoded behaviour narrative. Each sum is held as a float16 unit direction (768 B per 384-d vector) times a float32
/// length: storing the raw sum at float16 would round away new events once a heavy user's sum grows large, while a
/// unit direction keeps about three significant digits whatever the length. Guarded by the owning user's lock.
/// </summary>
internal sealed class UserProfile
{
    public UserProfile(int dimension)
    {
        Session = new Half[dimension];
        LongTerm = new Half[dimension];
    }

    public Half[] Session { get; }

    public Half[] LongTerm { get; }

    /// <summary>Time (unix seconds) the session sum is decayed to.</summary>
    public uint SessionTime { get; set; }

    public uint LongTermTime { get; set; }

    /// <summary>Length of the session sum (<see cref="Session"/> holds its direction).</summary>
    public float SessionLength { get; set; }

    public float LongTermLength { get; set; }

    /// <summary>True once the session sum holds anything since the session started.</summary>
    public bool HasSession { get; set; }

    public bool HasLongTerm { get; set; }

    /// <summary>Unit vector of the encoded narrative; null until the background refresher first encodes it.</summary>
    public Half[]? Narrative { get; set; }

    /// <summary>Hash of the narrative text <see cref="Narrative"/> was encoded from.</summary>
    public ulong NarrativeHash { get; set; }

    /// <summary>Bytes held, for memory reports.</summary>
    public int MemoryBytes => 2 * (24 + Session.Length * 2) + (Narrative is null ? 0 : 24 + Narrative.Length * 2) + 48;

    /// <summary>
    /// <c>sum ← sum · 2^(−Δt/halfLife) + weight · x</c>, decayed to the later of the two times; an event older than the
    /// sum is discounted by its age instead. O(dimension).
    /// </summary>
    public static void Accumulate(Half[] direction, ref float length, ref uint sumTime, uint time, double decayPerSecond, float weight,
        ReadOnlySpan<float> vector, Span<float> scratch)
    {
        var current = scratch[..direction.Length];
        TensorPrimitives.ConvertToSingle(direction, current);
        TensorPrimitives.Multiply(current, length, current);
        if (time >= sumTime)
        {
            float keep = (float)Math.Exp(-decayPerSecond * (time - sumTime));
            TensorPrimitives.Multiply(current, keep, current);
            TensorPrimitives.MultiplyAdd(vector, weight, current, current);
            sumTime = time;
        }
        else
        {
            float discounted = weight * (float)Math.Exp(-decayPerSecond * (sumTime - time));
            TensorPrimitives.MultiplyAdd(vector, discounted, current, current);
        }
        length = TensorPrimitives.Norm(current);
        if (length > 0) TensorPrimitives.Divide(current, length, current);
        TensorPrimitives.ConvertToHalf(current, direction);
    }
}
