using Xunit;

namespace LiveRank.Server.Tests.Infrastructure;

/// <summary>
/// Base of tests that talk to one in-memory server on a fresh store. xunit makes a class instance per test, so
/// every test gets its own server and store directory, disposed after it.
/// </summary>
public abstract class ServerTest : IAsyncLifetime
{
    protected ServerTest(IReadOnlyDictionary<string, string?>? settings = null) => Factory = new LiveRankFactory(settings);

    protected LiveRankFactory Factory { get; }

    protected HttpClient Client { get; private set; } = null!;

    public virtual ValueTask InitializeAsync()
    {
        Client = Factory.CreateClient();
        return ValueTask.CompletedTask;
    }

    public virtual async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Factory.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}
