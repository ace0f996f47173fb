using System.Text;
using LiveRank.Storage;

namespace LiveRank.Tests.Storage;

/// <summary>The store contract on the embedded store (a temporary directory per test).</summary>
public sealed class EmbeddedStateStoreContractTests : StateStoreContractTests
{
    private readonly TempDirectory _temp = new();

    protected override async Task<IStateStore> OpenAsync(StoreOptions options) =>
        await EmbeddedStateStore.OpenAsync(_temp.Path, options, cancellationToken: Ct);

    protected override Task AssertNothingStoredAboutAsync(string userId)
    {
        byte[] needle = Encoding.UTF8.GetBytes(userId);
        foreach (string file in Directory.EnumerateFiles(_temp.Path, "*", SearchOption.AllDirectories))
            Assert.True(File.ReadAllBytes(file).AsSpan().IndexOf(needle) < 0, $"{file} still names {userId}");
        return Task.CompletedTask;
    }

    public override ValueTask DisposeAsync()
    {
        _temp.Dispose();
        return base.DisposeAsync();
    }
}
