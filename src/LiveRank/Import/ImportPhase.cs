namespace LiveRank.Import;

/// <summary>Stages of an import, in order.</summary>
public enum ImportPhase
{
    Items,
    Events,
    Done,
}
