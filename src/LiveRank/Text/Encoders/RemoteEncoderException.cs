namespace LiveRank.Text.Encoders;

/// <summary>A remote embedding endpoint could not be reached, did not answer in time, or answered something unusable.</summary>
public sealed class RemoteEncoderException : Exception
{
    public RemoteEncoderException()
    {
    }

    public RemoteEncoderException(string message)
        : base(message)
    {
    }

    public RemoteEncoderException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
