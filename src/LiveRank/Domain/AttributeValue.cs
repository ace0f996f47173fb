using System.Globalization;

namespace LiveRank.Domain;

/// <summary>A free item attribute: either a string or a finite number.</summary>
public readonly record struct AttributeValue
{
    private AttributeValue(string? text, double number)
    {
        Text = text;
        Number = number;
    }

    /// <summary>The string value, or null when the attribute is a number.</summary>
    public string? Text { get; }

    /// <summary>The numeric value; meaningful only when <see cref="IsNumber"/>.</summary>
    public double Number { get; }

    public bool IsNumber => Text is null;

    public static AttributeValue FromText(string text) => new(text ?? throw new ArgumentNullException(nameof(text)), 0);

    public static AttributeValue FromNumber(double number) =>
        double.IsFinite(number) ? new(null, number) : throw new ArgumentOutOfRangeException(nameof(number), "Attribute numbers must be finite.");

    public override string ToString() => Text ?? Number.ToString(CultureInfo.InvariantCulture);
}
