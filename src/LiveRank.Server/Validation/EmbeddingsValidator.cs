using System.Text.Json;
using LiveRank.Server.Contracts;

namespace LiveRank.Server.Validation;

/// <summary>
/// Checks an embeddings request: <c>input</c> a non-empty string or 1–<see cref="MaxInputs"/> non-empty strings (token-id
/// arrays, which OpenAI also accepts, are refused: ids of another tokenizer mean nothing to this model), each at most
/// <see cref="MaxInputLength"/> characters, and <c>encoding_format</c> <c>float</c> or <c>base64</c>.
/// </summary>
public static class EmbeddingsValidator
{
    /// <summary>Most texts in one request; a larger batch is answered 413.</summary>
    public const int MaxInputs = 256;

    /// <summary>Longest text accepted (characters). Texts are truncated at the model's token limit anyway; this bounds the work before that.</summary>
    public const int MaxInputLength = 100_000;

    /// <summary>The texts, or null when the request broke a rule (reported in <paramref name="errors"/>, or as <paramref name="inputCount"/> over the limit).</summary>
    public static List<string>? Validate(EmbeddingsRequest dto, ValidationErrors errors, out int inputCount, out bool base64)
    {
        inputCount = 0;
        base64 = false;
        switch (dto.EncodingFormat)
        {
            case null or "float":
                break;
            case "base64":
                base64 = true;
                break;
            default:
                errors.Add("encoding_format", $"'{Truncate(dto.EncodingFormat)}' is not supported; use float or base64.");
                break;
        }
        if (dto.Dimensions is int d && d < 1) errors.Add("dimensions", "must be at least 1.");
        if (dto.Model is { } model && string.IsNullOrWhiteSpace(model)) errors.Add("model", "must not be empty when given.");

        if (dto.Input is not JsonElement input || input.ValueKind == JsonValueKind.Null)
        {
            errors.Add("input", "is required: a string or an array of strings.");
            return null;
        }
        var texts = new List<string>();
        switch (input.ValueKind)
        {
            case JsonValueKind.String:
                inputCount = 1;
                Text(input, "input", texts, errors);
                break;
            case JsonValueKind.Array:
                inputCount = input.GetArrayLength();
                if (inputCount == 0)
                {
                    errors.Add("input", "must hold at least one string.");
                    return null;
                }
                if (inputCount > MaxInputs) return null;
                int i = 0;
                foreach (JsonElement element in input.EnumerateArray())
                {
                    string field = $"input[{i++}]";
                    if (element.ValueKind == JsonValueKind.String) Text(element, field, texts, errors);
                    else errors.Add(field, element.ValueKind is JsonValueKind.Number or JsonValueKind.Array
                        ? "must be a string; token ids are not accepted (they belong to another tokenizer)."
                        : "must be a string.");
                }
                break;
            default:
                errors.Add("input", "must be a string or an array of strings.");
                break;
        }
        return errors.Any ? null : texts;
    }

    private static void Text(JsonElement element, string field, List<string> texts, ValidationErrors errors)
    {
        if (!FieldRules.TryGetString(element, out string? text)) errors.Add(field, "is not a valid string (unpaired surrogate).");
        else if (text.Length == 0) errors.Add(field, "must not be empty.");
        else if (text.Length > MaxInputLength) errors.Add(field, $"must be at most {MaxInputLength:N0} characters.");
        else texts.Add(text);
    }

    private static string Truncate(string s) => s.Length <= 40 ? s : s[..40] + "…";
}
