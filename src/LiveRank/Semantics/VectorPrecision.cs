namespace LiveRank.Semantics;

/// <summary>
/// How item vectors are held in memory. Encoders always produce float32; the table converts on write.
/// The on-disk vector cache always keeps float32, so changing the precision never re-encodes anything.
/// </summary>
public enum VectorPrecision
{
    /// <summary>4 bytes per dimension (1,536 B for 384 dimensions). Exact.</summary>
    Float32,

    /// <summary>2 bytes per dimension (768 B for 384 dimensions); cosines change by about 1e-3.</summary>
    Float16,

    /// <summary>1 byte per dimension plus a 4-byte scale per vector (388 B for 384 dimensions); symmetric per-vector quantisation.</summary>
    Int8,
}
