namespace LiveRank.Scoring.Trees;

/// <summary>How <see cref="TreeEnsemble"/> scores a batch of rows.</summary>
internal enum TreeKernel
{
    /// <summary>Eight rows walk each tree in lockstep; the fallback without 256-bit vectors.</summary>
    Walk,

    /// <summary>Bitvector scan with 8 rows per 256-bit vector.</summary>
    Bitvectors8,

    /// <summary>Bitvector scan with 16 rows per 512-bit vector.</summary>
    Bitvectors16,
}
