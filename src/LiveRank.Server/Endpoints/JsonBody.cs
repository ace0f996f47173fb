using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http.Features;

namespace LiveRank.Server.Endpoints;

/// <summary>
/// Reads a JSON request body with its source-generated contract, turning every way it can fail into a problem
/// answer: malformed JSON or a wrong type (400, naming the JSON path), an over-limit body (413), no body (400).
/// Minimal APIs' own binding would answer some of these with an empty 400 or 500.
/// </summary>
public static class JsonBody
{
    public static async ValueTask<(T? Value, IResult? Problem)> ReadAsync<T>(HttpContext context, JsonTypeInfo<T> typeInfo, long maxBytes)
        where T : class
    {
        var request = context.Request;
        if (request.ContentLength > maxBytes)
            return (null, Problems.TooLarge($"The body is {request.ContentLength} bytes; the limit is {maxBytes}."));
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit) limit.MaxRequestBodySize = maxBytes;
        try
        {
            var value = await JsonSerializer.DeserializeAsync(request.Body, typeInfo, context.RequestAborted);
            return value is null ? (null, Problems.Malformed("The body must be a JSON object, not null.")) : (value, null);
        }
        catch (JsonException e)
        {
            string where = e.Path is { Length: > 0 } path ? $" at {path}" : "";
            string line = e.LineNumber is long l ? $" (line {l + 1}, byte {e.BytePositionInLine + 1})" : "";
            return (null, Problems.Malformed($"The body is not valid JSON for this endpoint{where}{line}: {FirstSentence(e.Message)}"));
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, Problems.TooLarge($"The body exceeds the limit of {maxBytes} bytes."));
        }
        catch (BadHttpRequestException e)
        {
            return (null, Problems.Malformed(e.Message));
        }
    }

    private static string FirstSentence(string message)
    {
        int cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message;
    }
}
