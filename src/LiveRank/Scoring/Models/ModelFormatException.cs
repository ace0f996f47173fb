namespace LiveRank.Scoring.Models;

/// <summary>A model file that cannot serve here: corrupt, truncated, another format version or an incompatible schema.</summary>
public sealed class ModelFormatException : Exception
{
    public ModelFormatException(string message) : base(message) { }

    public ModelFormatException(string message, Exception inner) : base(message, inner) { }

    public ModelFormatException() { }
}
