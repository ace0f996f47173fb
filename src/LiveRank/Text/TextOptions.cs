using System.ComponentModel.DataAnnotations;

namespace LiveRank.Text;

/// <summary>The texts the language model reads: item template and behaviour narrative. Section <c>LiveRank:Text</c>.</summary>
public sealed class TextOptions
{
    /// <summary>A built-in template name (generic, movies, products, news) or a template such as "{title}. Genres: {categories}."</summary>
    [Required]
    public string ItemTemplate { get; set; } = "generic";

    /// <summary>What list fields ({categories}, {tags}) join with.</summary>
    [Required(AllowEmptyStrings = true)]
    public string ListSeparator { get; set; } = Text.ItemTemplate.DefaultListSeparator;

    public NarrativeOptions Narrative { get; set; } = new();

    /// <summary>Compiles <see cref="ItemTemplate"/>; throws <see cref="FormatException"/> with the reason.</summary>
    public ItemTemplate CreateItemTemplate() => Text.ItemTemplate.Resolve(ItemTemplate, ListSeparator);

    /// <summary>
    /// The first problem with these options as "Key: reason" (the key relative to <c>LiveRank:Text</c>, e.g.
    /// "ItemTemplate: Unknown placeholder {titel} at character 1; …"), or null when they are valid.
    /// </summary>
    public string? Validate()
    {
        if (ItemTemplate is null) return "ItemTemplate: must be set";
        if (ListSeparator is null) return "ListSeparator: must be set";
        if (!Text.ItemTemplate.TryResolve(ItemTemplate, out _, out string? error, ListSeparator)) return "ItemTemplate: " + error;
        if (Narrative is null) return "Narrative: must be a section";
        var results = new List<ValidationResult>();
        if (!Validator.TryValidateObject(Narrative, new ValidationContext(Narrative), results, validateAllProperties: true))
        {
            string member = results[0].MemberNames.FirstOrDefault() is { } m ? ":" + m : "";
            return $"Narrative{member}: {results[0].ErrorMessage}";
        }
        return null;
    }
}
