using LiveRank.Domain;
using LiveRank.Server.Contracts;

namespace LiveRank.Server.Validation;

/// <summary>Checks a rerank request: user id, 1..1000 distinct candidate ids, finite upstream scores, a positive limit.</summary>
public static class RerankValidator
{
    [ThreadStatic] private static HashSet<string>? t_seen;

    public static RankRequest? Validate(RerankRequestDto dto, ValidationErrors errors)
    {
        FieldRules.Id(dto.UserId, "userId", errors);
        FieldRules.OptionalId(dto.SessionId, "sessionId", errors);
        if (dto.Limit is int limit && limit < 1) errors.Add("limit", "must be at least 1.");
        var candidates = dto.Candidates;
        if (candidates is null || candidates.Count == 0)
        {
            errors.Add("candidates", $"must hold 1 to {RankRequest.MaxCandidates} candidates.");
            return null;
        }
        var seen = t_seen ??= new HashSet<string>(StringComparer.Ordinal);
        seen.Clear();
        var list = new RankCandidate[candidates.Count];
        for (int i = 0; i < candidates.Count; i++)
        {
            var c = candidates[i];
            if (c is null)
            {
                errors.Add($"candidates[{i}]", "must be an object.");
                continue;
            }
            if (!FieldRules.IsValidId(c.Id))
            {
                FieldRules.Id(c.Id, $"candidates[{i}].id", errors); // reports why
                continue;
            }
            if (!seen.Add(c.Id!)) errors.Add($"candidates[{i}].id", $"'{c.Id}' appears more than once.");
            if (c.Score is double s && !double.IsFinite(s)) errors.Add($"candidates[{i}].score", "must be a finite number.");
            list[i] = new RankCandidate(c.Id!, c.Score);
        }
        if (errors.Any) return null;
        return new RankRequest
        {
            UserId = dto.UserId!,
            SessionId = dto.SessionId,
            Candidates = list,
            Limit = dto.Limit,
            Explain = dto.Explain ?? false,
        };
    }
}
