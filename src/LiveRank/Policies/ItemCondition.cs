using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using LiveRank.Domain;

namespace LiveRank.Policies;

/// <summary>
/// A test on a catalog item, written <c>field op value</c>: <c>attributes.stock == 0</c>, <c>brand != "Acme"</c>,
/// <c>category == Horror</c>, <c>price &gt;= 100</c>. Fields: <c>id</c>, <c>title</c>, <c>brand</c>, <c>currency</c>,
/// <c>price</c>, <c>category</c> (true when any of the item's categories matches; <c>!=</c> when none does),
/// <c>tag</c> (likewise) and <c>attributes.NAME</c>. Operators: <c>== != &lt; &lt;= &gt; &gt;=</c>. The value is a number, a
/// quoted string or a bare word. Numbers compare numerically, strings ordinally (case-sensitive). A field the item
/// lacks, or a value of the other kind (a string attribute against a number), makes every operator false except
/// <c>!=</c>; an item that is not in the catalog matches nothing — so a filter never drops what it cannot judge.
/// </summary>
public sealed class ItemCondition
{
    private static readonly string[] Operators = ["==", "!=", "<=", ">=", "<", ">"];
    private static readonly System.Buffers.SearchValues<char> ValueStoppers = System.Buffers.SearchValues.Create("\"'=<>!");

    private readonly Field _field;
    private readonly string? _attribute;
    private readonly string? _text;
    private readonly double _number;
    private readonly bool _isNumber;

    private ItemCondition(string source, Field field, string? attribute, ConditionOperator op, string? text, double number, bool isNumber)
    {
        Source = source;
        _field = field;
        _attribute = attribute;
        Operator = op;
        _text = text;
        _number = number;
        _isNumber = isNumber;
    }

    private enum Field { Id, Title, Brand, Currency, Price, Category, Tag, Attribute }

    /// <summary>The text the condition was parsed from.</summary>
    public string Source { get; }

    public ConditionOperator Operator { get; }

    public override string ToString() => Source;

    /// <summary>Parses <paramref name="source"/>; throws <see cref="FormatException"/> with the reason when it is not a condition.</summary>
    public static ItemCondition Parse(string source) =>
        TryParse(source, out var condition, out string? error) ? condition : throw new FormatException(error);

    public static bool TryParse(string? source, [NotNullWhen(true)] out ItemCondition? condition, [NotNullWhen(false)] out string? error)
    {
        condition = null;
        if (string.IsNullOrWhiteSpace(source))
        {
            error = "A condition is required, such as 'attributes.stock == 0'.";
            return false;
        }
        if (source.Length > 512)
        {
            error = "A condition is at most 512 characters.";
            return false;
        }
        int at = -1;
        string? op = null;
        foreach (string candidate in Operators)
        {
            int i = source.IndexOf(candidate, StringComparison.Ordinal);
            if (i >= 0 && (at < 0 || i < at)) { at = i; op = candidate; }
        }
        if (op is null)
        {
            error = $"'{source}' has no comparison; use one of == != < <= > >=.";
            return false;
        }
        string left = source[..at].Trim();
        string right = source[(at + op.Length)..].Trim();
        if (!TryField(left, out var field, out string? attribute))
        {
            error = $"Unknown field '{left}'; use id, title, brand, currency, price, category, tag or attributes.NAME.";
            return false;
        }
        if (right.Length == 0)
        {
            error = $"'{source}' has no value after '{op}'.";
            return false;
        }
        string? text;
        double number = 0;
        bool isNumber = false;
        if (right.Length >= 2 && (right[0] == '"' || right[0] == '\'') && right[^1] == right[0]) text = right[1..^1];
        else if (double.TryParse(right, NumberStyles.Float, CultureInfo.InvariantCulture, out number) && double.IsFinite(number))
        {
            text = null;
            isNumber = true;
        }
        else if (right.AsSpan().IndexOfAny(ValueStoppers) >= 0)
        {
            error = $"Cannot read the value '{right}'; quote strings.";
            return false;
        }
        else text = right;

        var comparison = op switch
        {
            "==" => ConditionOperator.Equal,
            "!=" => ConditionOperator.NotEqual,
            "<" => ConditionOperator.Less,
            "<=" => ConditionOperator.LessOrEqual,
            ">" => ConditionOperator.Greater,
            _ => ConditionOperator.GreaterOrEqual,
        };
        condition = new ItemCondition(source.Trim(), field, attribute, comparison, text, number, isNumber);
        error = null;
        return true;
    }

    /// <summary>Whether <paramref name="item"/> satisfies the condition; false for null (an item not in the catalog).</summary>
    public bool Matches(Item? item)
    {
        if (item is null) return false;
        switch (_field)
        {
            case Field.Id: return CompareText(item.Id);
            case Field.Title: return CompareText(item.Title);
            case Field.Brand: return CompareText(item.Brand);
            case Field.Currency: return CompareText(item.Currency);
            case Field.Price: return item.Price is double price ? CompareNumber(price) : Operator == ConditionOperator.NotEqual;
            case Field.Category: return AnyOf(item.Categories);
            case Field.Tag: return AnyOf(item.Tags);
            default:
                if (!item.Attributes.TryGetValue(_attribute!, out var value)) return Operator == ConditionOperator.NotEqual;
                return value.IsNumber ? CompareNumber(value.Number) : CompareText(value.Text);
        }
    }

    private bool AnyOf(IReadOnlyList<string> values)
    {
        // "category != X" reads as "the item is not in X": true when no category equals X.
        if (Operator == ConditionOperator.NotEqual)
        {
            for (int i = 0; i < values.Count; i++)
                if (!_isNumber && string.Equals(values[i], _text, StringComparison.Ordinal)) return false;
            return true;
        }
        for (int i = 0; i < values.Count; i++)
            if (CompareText(values[i])) return true;
        return false;
    }

    private bool CompareText(string? value)
    {
        if (value is null || _isNumber) return Operator == ConditionOperator.NotEqual;
        int c = string.CompareOrdinal(value, _text);
        return Holds(c);
    }

    private bool CompareNumber(double value)
    {
        if (!_isNumber) return Operator == ConditionOperator.NotEqual;
        return Holds(value.CompareTo(_number));
    }

    private bool Holds(int comparison) => Operator switch
    {
        ConditionOperator.Equal => comparison == 0,
        ConditionOperator.NotEqual => comparison != 0,
        ConditionOperator.Less => comparison < 0,
        ConditionOperator.LessOrEqual => comparison <= 0,
        ConditionOperator.Greater => comparison > 0,
        _ => comparison >= 0,
    };

    private static bool TryField(string name, out Field field, out string? attribute)
    {
        attribute = null;
        field = Field.Id;
        switch (name)
        {
            case "id": field = Field.Id; return true;
            case "title": field = Field.Title; return true;
            case "brand": field = Field.Brand; return true;
            case "currency": field = Field.Currency; return true;
            case "price": field = Field.Price; return true;
            case "category" or "categories": field = Field.Category; return true;
            case "tag" or "tags": field = Field.Tag; return true;
        }
        const string prefix = "attributes.";
        if (name.StartsWith(prefix, StringComparison.Ordinal) && name.Length > prefix.Length)
        {
            field = Field.Attribute;
            attribute = name[prefix.Length..];
            return true;
        }
        return false;
    }
}
