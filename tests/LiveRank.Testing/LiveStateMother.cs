using LiveRank.Domain;
using LiveRank.State;

namespace LiveRank.Testing;

/// <summary>Filled real-time state: a synthetic catalog plus a synthetic event stream applied in arrival order.</summary>
public static class LiveStateMother
{
    public static LiveState Create(EventStreamOptions stream, int categories = 20, int seed = 1, StateOptions? options = null)
    {
        var state = new LiveState(options ?? new StateOptions(), EventTypeRegistry.Default);
        foreach (var item in CatalogMother.Items(stream.Items, categories, seed)) state.UpsertItem(item);
        foreach (var e in new EventStreamGenerator(seed, stream).Interleaved()) state.Apply(e);
        return state;
    }
}
