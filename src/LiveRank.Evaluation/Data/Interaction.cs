namespace LiveRank.Evaluation.Data;

/// <summary>One user–item interaction with dense ids; <see cref="Timestamp"/> is unix seconds.</summary>
public readonly record struct Interaction(int User, int Item, long Timestamp);
