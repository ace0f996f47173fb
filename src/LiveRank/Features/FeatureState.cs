namespace LiveRank.Features;

/// <summary>The parts of real-time state a feature reads; lets a store fetch only what the active features need.</summary>
[Flags]
public enum FeatureState
{
    None = 0,
    UserEvents = 1,
    ItemStatistics = 2,
    CoVisitation = 4,
    Catalog = 8,
    Request = 16,
    Semantic = 32,
}
