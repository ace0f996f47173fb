using System.Globalization;

namespace LiveRank.Import;

/// <summary>
/// Typed parsing of one text field, shared by the line readers: invariant culture, surrounding blanks ignored, and a
/// <see cref="DatasetFormatException"/> (file and line from the caller) that names the field and quotes the text.
/// </summary>
internal static class FieldText
{
    public static long Int64(ReadOnlySpan<char> field, string name, Func<string, DatasetFormatException> error)
    {
        var text = field.Trim();
        if (!long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long value))
            throw error($"{name} '{text}' is not a whole number");
        return value;
    }

    public static double Double(ReadOnlySpan<char> field, string name, Func<string, DatasetFormatException> error)
    {
        var text = field.Trim();
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) || !double.IsFinite(value))
            throw error($"{name} '{text}' is not a number");
        return value;
    }

    /// <summary>A non-empty identifier, trimmed.</summary>
    public static ReadOnlySpan<char> Id(ReadOnlySpan<char> field, string name, Func<string, DatasetFormatException> error)
    {
        var text = field.Trim();
        if (text.IsEmpty) throw error($"{name} is empty");
        return text;
    }
}
