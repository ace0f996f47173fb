using LiveRank.Server.Validation;

namespace LiveRank.Server.Endpoints;

/// <summary>RFC 7807 answers for bad requests. Each names what was wrong so a client can fix it without reading code.</summary>
public static class Problems
{
    public static IResult Malformed(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status400BadRequest, title: "Malformed request body",
            type: "https://liverank.dev/problems/malformed-json");

    public static IResult TooLarge(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status413PayloadTooLarge, title: "Request too large",
            type: "https://liverank.dev/problems/too-large");

    /// <summary>422: the JSON was well-formed but broke a rule; <c>errors</c> maps each field path to its problems.</summary>
    public static IResult Invalid(ValidationErrors errors, string detail) =>
        TypedResults.Problem(new HttpValidationProblemDetails(errors.ToDictionary())
        {
            Status = StatusCodes.Status422UnprocessableEntity,
            Title = "Request failed validation",
            Detail = detail,
            Type = "https://liverank.dev/problems/validation",
        });

    public static IResult Unavailable(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status503ServiceUnavailable, title: "Not ready",
            type: "https://liverank.dev/problems/not-ready");

    /// <summary>503: the text encoder could not be loaded or its remote endpoint failed; the detail says which.</summary>
    public static IResult EncoderUnavailable(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status503ServiceUnavailable, title: "Encoder unavailable",
            type: "https://liverank.dev/problems/encoder-unavailable");
}
