namespace LiveRank.Semantics;

/// <summary>Which of a user's profile vectors exist.</summary>
[Flags]
public enum ProfileParts
{
    None = 0,
    Session = 1,
    LongTerm = 2,
    Narrative = 4,
}
