using System.Diagnostics.CodeAnalysis;
using System.Text;
using LiveRank.Domain;

namespace LiveRank.Text;

/// <summary>
/// Renders catalog items as the text the language model reads, from a template compiled once:
/// <c>"{title}[ by {brand}]. Category: {categories}. Price: {price}[ {currency}]. {description}"</c>.
/// </summary>
/// <remarks>
/// <para>Fields: <c>{title}</c>, <c>{description}</c>, <c>{categories}</c>, <c>{price}</c>, <c>{currency}</c>,
/// <c>{brand}</c>, <c>{tags}</c> and <c>{attributes.NAME}</c> for any attribute (NAME as stored, case-sensitive;
/// field names themselves are not). Lists join with <see cref="ListSeparator"/> (", "). Prices print with the
/// invariant culture, without decimals when whole and with two otherwise ("25", "12.50"); attribute numbers with
/// up to two decimals ("1.7"). <c>{{ }} [[ ]]</c> write literal braces and brackets.</para>
/// <para>Dropping empty parts. A template is cut into sentences after every <c>.</c>, <c>!</c> or <c>?</c> that
/// white space follows (outside groups). A <c>[...]</c> group is written only when at least one field inside it
/// has a value. A sentence is written only when at least one of its fields outside groups has a value; a sentence
/// whose fields all sit in groups, when at least one group is written; a sentence without fields, always.
/// So with no price, "Price: {price}[ {currency}]." disappears whole, and "{title}[ by {brand}]." loses " by".</para>
/// <para>White space collapses to single spaces, template punctuation takes no space before it, and a template
/// period after a value that already ends a sentence is not repeated ("Heat." + "." → "Heat.").
/// Rendering is deterministic (the text keys the vector cache), culture-independent and allocates only the
/// returned string.</para>
/// </remarks>
public sealed class ItemTemplate
{
    /// <summary>Names of the built-in templates, the default first.</summary>
    public static IReadOnlyList<string> BuiltInNames { get; } = ["generic", "movies", "products", "news"];

    /// <summary>The separator lists join with unless another is given.</summary>
    public const string DefaultListSeparator = ", ";

    private const string GenericSource = "{title}. Categories: {categories}. Brand: {brand}. Price: {price}[ {currency}]. Tags: {tags}. {description}";
    private const string MoviesSource = "{title}. Genres: {categories}. Tags: {tags}. {description}";
    private const string ProductsSource = "{title}[ by {brand}]. Category: {categories}. Price: {price}[ {currency}]. {description}";
    private const string NewsSource = "{title}. Section: {categories}. Tags: {tags}. {description}";

    private const string FieldList = "title, description, categories, price, currency, brand, tags, attributes.NAME";

    private readonly Part[] _parts;
    private readonly GroupRange[] _groups;
    private readonly Sentence[] _sentences;

    private ItemTemplate(string name, string source, string listSeparator, Part[] parts, GroupRange[] groups, Sentence[] sentences)
    {
        Name = name;
        Source = source;
        ListSeparator = listSeparator;
        _parts = parts;
        _groups = groups;
        _sentences = sentences;
    }

    /// <summary>
    /// "Title. Categories: a, b. Brand: x. Price: 12.50 USD. Tags: t. Description" — the default, for any catalog.
    /// </summary>
    public static ItemTemplate Generic { get; } = Build("generic", GenericSource, DefaultListSeparator);

    /// <summary>"Toy Story (1995). Genres: Adventure, Animation. Tags: pixar. Description".</summary>
    public static ItemTemplate Movies { get; } = Build("movies", MoviesSource, DefaultListSeparator);

    /// <summary>"Title by Brand. Category: a, b. Price: 25 USD. Description".</summary>
    public static ItemTemplate Products { get; } = Build("products", ProductsSource, DefaultListSeparator);

    /// <summary>"Title. Section: a, b. Tags: t. Description".</summary>
    public static ItemTemplate News { get; } = Build("news", NewsSource, DefaultListSeparator);

    /// <summary>The built-in name ("generic", "movies", "products", "news") or "custom".</summary>
    public string Name { get; }

    /// <summary>The template text this was compiled from.</summary>
    public string Source { get; }

    public string ListSeparator { get; }

    /// <summary>Compiles a template; throws <see cref="FormatException"/> naming the problem and its character position.</summary>
    public static ItemTemplate Compile(string template, string listSeparator = DefaultListSeparator) =>
        TryCompile(template, out var compiled, out string? error, listSeparator) ? compiled : throw new FormatException(error);

    /// <summary>Compiles a template, or says why it cannot be ("Unknown placeholder {titel} at character 1; …").</summary>
    public static bool TryCompile(string template, [NotNullWhen(true)] out ItemTemplate? compiled, [NotNullWhen(false)] out string? error,
        string listSeparator = DefaultListSeparator)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(listSeparator);
        compiled = null;
        error = Parse(template, out var parts, out var groups, out var sentences);
        if (error is not null) return false;
        compiled = new ItemTemplate("custom", template, listSeparator, parts, groups, sentences);
        return true;
    }

    /// <summary>A built-in template by name (case-insensitive).</summary>
    public static bool TryGetBuiltIn(string name, [NotNullWhen(true)] out ItemTemplate? template, string listSeparator = DefaultListSeparator)
    {
        string? source = name.Trim().ToLowerInvariant() switch
        {
            "generic" => GenericSource,
            "movies" => MoviesSource,
            "products" => ProductsSource,
            "news" => NewsSource,
            _ => null,
        };
        template = source is null ? null
            : listSeparator == DefaultListSeparator ? BuiltIn(source)
            : Build(name.Trim().ToLowerInvariant(), source, listSeparator);
        return template is not null;
    }

    /// <summary>
    /// What configuration holds: a built-in name, or else a template (which must hold at least one <c>{field}</c>).
    /// Throws <see cref="FormatException"/> with the reason.
    /// </summary>
    public static ItemTemplate Resolve(string nameOrTemplate, string listSeparator = DefaultListSeparator) =>
        TryResolve(nameOrTemplate, out var template, out string? error, listSeparator) ? template : throw new FormatException(error);

    /// <inheritdoc cref="Resolve"/>
    public static bool TryResolve(string nameOrTemplate, [NotNullWhen(true)] out ItemTemplate? template, [NotNullWhen(false)] out string? error,
        string listSeparator = DefaultListSeparator)
    {
        ArgumentNullException.ThrowIfNull(nameOrTemplate);
        error = null;
        if (nameOrTemplate.Contains('{', StringComparison.Ordinal)) return TryCompile(nameOrTemplate, out template, out error, listSeparator);
        if (TryGetBuiltIn(nameOrTemplate, out template, listSeparator)) return true;
        error = $"'{nameOrTemplate}' is neither a built-in template ({string.Join(", ", BuiltInNames)}) nor a template with {{fields}} ({FieldList}).";
        return false;
    }

    /// <summary>The item's text.</summary>
    public string Render(Item item)
    {
        ArgumentNullException.ThrowIfNull(item);
        var text = new TextComposer(stackalloc char[512], growable: true);
        try
        {
            Write(item, ref text);
            return text.ToString();
        }
        finally
        {
            text.Dispose();
        }
    }

    /// <summary>
    /// Writes the item's text into <paramref name="destination"/> without allocating; false (and
    /// <paramref name="charsWritten"/> 0) when it does not fit.
    /// </summary>
    public bool TryRender(Item item, Span<char> destination, out int charsWritten)
    {
        ArgumentNullException.ThrowIfNull(item);
        var text = new TextComposer(destination, growable: false);
        Write(item, ref text);
        charsWritten = text.Overflowed ? 0 : text.Length;
        return !text.Overflowed;
    }

    public override string ToString() => Name == "custom" ? Source : Name;

    private static ItemTemplate BuiltIn(string source) => source switch
    {
        GenericSource => Generic,
        MoviesSource => Movies,
        ProductsSource => Products,
        _ => News,
    };

    private static ItemTemplate Build(string name, string source, string separator)
    {
        string? error = Parse(source, out var parts, out var groups, out var sentences);
        if (error is not null) throw new InvalidOperationException($"Built-in template {name} does not compile: {error}");
        return new ItemTemplate(name, source, separator, parts, groups, sentences);
    }

    private void Write(Item item, ref TextComposer text)
    {
        foreach (var sentence in _sentences)
        {
            if (!IsWritten(sentence, item)) continue;
            for (int i = sentence.Start; i < sentence.End; i++)
            {
                ref readonly Part part = ref _parts[i];
                if (part.Group >= 0)
                {
                    var group = _groups[part.Group];
                    if (i == group.Start && !AnyValue(group.Start, group.End, item))
                    {
                        i = group.End - 1;
                        continue;
                    }
                }
                WritePart(part, item, ref text);
            }
        }
    }

    private bool IsWritten(in Sentence sentence, Item item)
    {
        if (sentence.HasOwnFields)
        {
            for (int i = sentence.Start; i < sentence.End; i++)
            {
                ref readonly Part part = ref _parts[i];
                if (part.Group < 0 && part.Kind != FieldKind.Literal && HasValue(part, item)) return true;
            }
            return false;
        }
        if (!sentence.HasGroups) return true;
        for (int i = sentence.Start; i < sentence.End; i++)
        {
            int g = _parts[i].Group;
            if (g >= 0 && i == _groups[g].Start && AnyValue(_groups[g].Start, _groups[g].End, item)) return true;
        }
        return false;
    }

    private bool AnyValue(int start, int end, Item item)
    {
        for (int i = start; i < end; i++)
        {
            if (_parts[i].Kind != FieldKind.Literal && HasValue(_parts[i], item)) return true;
        }
        return false;
    }

    private static bool HasValue(in Part part, Item item) => part.Kind switch
    {
        FieldKind.Title => !string.IsNullOrWhiteSpace(item.Title),
        FieldKind.Description => !string.IsNullOrWhiteSpace(item.Description),
        FieldKind.Currency => !string.IsNullOrWhiteSpace(item.Currency),
        FieldKind.Brand => !string.IsNullOrWhiteSpace(item.Brand),
        FieldKind.Categories => AnyEntry(item.Categories),
        FieldKind.Tags => AnyEntry(item.Tags),
        FieldKind.Price => item.Price is double p && double.IsFinite(p),
        FieldKind.Attribute => item.Attributes.TryGetValue(part.Text!, out var a) && (a.IsNumber || !string.IsNullOrWhiteSpace(a.Text)),
        _ => false,
    };

    private static bool AnyEntry(IReadOnlyList<string> list)
    {
        for (int i = 0; i < list.Count; i++)
        {
            if (!string.IsNullOrWhiteSpace(list[i])) return true;
        }
        return false;
    }

    private void WritePart(in Part part, Item item, ref TextComposer text)
    {
        switch (part.Kind)
        {
            case FieldKind.Literal: text.AppendLiteral(part.Text); break;
            case FieldKind.Title: text.AppendValue(item.Title.AsSpan().Trim()); break;
            case FieldKind.Description: text.AppendValue(item.Description.AsSpan().Trim()); break;
            case FieldKind.Currency: text.AppendValue(item.Currency.AsSpan().Trim()); break;
            case FieldKind.Brand: text.AppendValue(item.Brand.AsSpan().Trim()); break;
            case FieldKind.Categories: WriteList(item.Categories, ref text); break;
            case FieldKind.Tags: WriteList(item.Tags, ref text); break;
            case FieldKind.Price:
                if (item.Price is double price && double.IsFinite(price)) text.AppendNumber(price, price % 1 == 0 ? "0" : "0.00");
                break;
            case FieldKind.Attribute:
                if (item.Attributes.TryGetValue(part.Text!, out var value))
                {
                    if (!value.IsNumber) text.AppendValue(value.Text.AsSpan().Trim());
                    else text.AppendNumber(value.Number, value.Number == 0 || Math.Abs(value.Number) >= 0.01 ? "0.##" : "G3");
                }
                break;
        }
    }

    private void WriteList(IReadOnlyList<string> list, ref TextComposer text)
    {
        bool first = true;
        for (int i = 0; i < list.Count; i++)
        {
            var entry = list[i].AsSpan().Trim();
            if (entry.IsEmpty) continue;
            if (!first) text.AppendValue(ListSeparator);
            text.AppendValue(entry);
            first = false;
        }
    }

    /// <summary>Parses a template; returns the first problem, or null.</summary>
    private static string? Parse(string template, out Part[] parts, out GroupRange[] groups, out Sentence[] sentences)
    {
        var partList = new List<Part>();
        var groupList = new List<GroupRange>();
        var sentenceList = new List<Sentence>();
        parts = [];
        groups = [];
        sentences = [];

        var literal = new StringBuilder();
        int sentenceStart = 0, groupStart = -1, groupAt = -1, fields = 0;

        void FlushLiteral()
        {
            if (literal.Length == 0) return;
            partList.Add(new Part(FieldKind.Literal, literal.ToString(), groupStart >= 0 ? groupList.Count : -1));
            literal.Clear();
        }

        void EndSentence()
        {
            FlushLiteral();
            if (partList.Count == sentenceStart) return;
            bool own = false, grouped = false;
            for (int p = sentenceStart; p < partList.Count; p++)
            {
                if (partList[p].Group >= 0) grouped = true;
                else if (partList[p].Kind != FieldKind.Literal) own = true;
            }
            sentenceList.Add(new Sentence(sentenceStart, partList.Count, own, grouped));
            sentenceStart = partList.Count;
        }

        for (int i = 0; i < template.Length; i++)
        {
            char c = template[i];
            char next = i + 1 < template.Length ? template[i + 1] : '\0';
            switch (c)
            {
                case '{' when next == '{':
                case '}' when next == '}':
                case '[' when next == '[':
                case ']' when next == ']':
                    literal.Append(c);
                    i++;
                    break;
                case '{':
                {
                    int close = template.IndexOf('}', i + 1);
                    int reopen = template.IndexOf('{', i + 1);
                    if (close < 0 || (reopen >= 0 && reopen < close))
                        return $"Placeholder '{{' at character {i + 1} is not closed with '}}' (write '{{{{' for a literal brace).";
                    string name = template[(i + 1)..close].Trim();
                    if (!TryField(name, out var kind, out string? attribute))
                    {
                        return name.Length == 0 ? $"Empty placeholder {{}} at character {i + 1}; fields are {FieldList}."
                            : kind == FieldKind.Attribute ? $"Placeholder {{{name}}} at character {i + 1} names no attribute: write {{attributes.NAME}}."
                            : $"Unknown placeholder {{{name}}} at character {i + 1}; fields are {FieldList}.";
                    }
                    FlushLiteral();
                    partList.Add(new Part(kind, attribute, groupStart >= 0 ? groupList.Count : -1));
                    fields++;
                    i = close;
                    break;
                }
                case '}':
                    return $"Unmatched '}}' at character {i + 1} (write '}}}}' for a literal brace).";
                case '[':
                    if (groupStart >= 0) return $"Group '[' at character {i + 1} is inside the group opened at character {groupAt + 1}; groups cannot nest.";
                    FlushLiteral();
                    groupStart = partList.Count;
                    groupAt = i;
                    break;
                case ']':
                {
                    if (groupStart < 0) return $"Unmatched ']' at character {i + 1} (write ']]' for a literal bracket).";
                    FlushLiteral();
                    bool hasField = false;
                    for (int p = groupStart; p < partList.Count; p++) hasField |= partList[p].Kind != FieldKind.Literal;
                    if (!hasField) return $"Group '[' at character {groupAt + 1} holds no placeholder, so it would always be dropped.";
                    groupList.Add(new GroupRange(groupStart, partList.Count));
                    groupStart = -1;
                    break;
                }
                case '.' or '!' or '?' when groupStart < 0 && char.IsWhiteSpace(next):
                    literal.Append(c);
                    EndSentence();
                    break;
                default:
                    literal.Append(c);
                    break;
            }
        }
        if (groupStart >= 0) return $"Group '[' at character {groupAt + 1} is not closed with ']' (write '[[' for a literal bracket).";
        EndSentence();
        if (fields == 0) return $"The template holds no placeholder; use at least one of {FieldList}.";

        parts = [.. partList];
        groups = [.. groupList];
        sentences = [.. sentenceList];
        return null;
    }

    private static bool TryField(string name, out FieldKind kind, out string? attribute)
    {
        attribute = null;
        const string prefix = "attributes.";
        if (name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
        {
            kind = FieldKind.Attribute;
            attribute = name[prefix.Length..];
            return attribute.Length > 0;
        }
        kind = name.ToLowerInvariant() switch
        {
            "title" => FieldKind.Title,
            "description" => FieldKind.Description,
            "categories" => FieldKind.Categories,
            "price" => FieldKind.Price,
            "currency" => FieldKind.Currency,
            "brand" => FieldKind.Brand,
            "tags" => FieldKind.Tags,
            "attributes" => FieldKind.Attribute,
            _ => FieldKind.Literal,
        };
        return kind is not (FieldKind.Literal or FieldKind.Attribute);
    }

    private enum FieldKind : byte { Literal, Title, Description, Categories, Price, Currency, Brand, Tags, Attribute }

    /// <summary>A literal (Text = the text) or a field (Text = the attribute name); Group = index in _groups or -1.</summary>
    private readonly record struct Part(FieldKind Kind, string? Text, int Group);

    /// <summary>Parts [Start, End).</summary>
    private readonly record struct GroupRange(int Start, int End);

    private readonly record struct Sentence(int Start, int End, bool HasOwnFields, bool HasGroups);
}
