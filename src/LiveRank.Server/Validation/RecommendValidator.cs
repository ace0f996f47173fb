using LiveRank.Domain;
using LiveRank.Server.Contracts;

namespace LiveRank.Server.Validation;

/// <summary>Checks a recommend request: user id, optional session id, a limit in 1..1000.</summary>
public static class RecommendValidator
{
    public static RecommendRequest? Validate(RecommendRequestDto dto, ValidationErrors errors)
    {
        FieldRules.Id(dto.UserId, "userId", errors);
        FieldRules.OptionalId(dto.SessionId, "sessionId", errors);
        if (dto.Limit is int limit && (limit < 1 || limit > RecommendRequest.MaxLimit))
            errors.Add("limit", $"must be between 1 and {RecommendRequest.MaxLimit}.");
        if (errors.Any) return null;
        return new RecommendRequest
        {
            UserId = dto.UserId!,
            SessionId = dto.SessionId,
            Limit = dto.Limit ?? RecommendRequest.DefaultLimit,
            Explain = dto.Explain ?? false,
            IncludeSeen = dto.IncludeSeen ?? false,
        };
    }
}
