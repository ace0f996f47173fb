namespace LiveRank.Storage;

/// <summary>
/// The shared store could not be reached, so a write was not acknowledged (it may or may not have been stored; a retry
/// with the same event ids is safe). The server answers 503; reads keep serving the local state.
/// </summary>
public sealed class StoreUnavailableException : Exception
{
    public StoreUnavailableException()
    {
    }

    public StoreUnavailableException(string message) : base(message)
    {
    }

    public StoreUnavailableException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
