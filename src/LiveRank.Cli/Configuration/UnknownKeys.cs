using System.Collections;
using System.Reflection;

namespace LiveRank.Cli.Configuration;

/// <summary>
/// Finds the first configuration key that no property of an options type would bind, with its full path
/// (the binder's own error names only the property, not where it sits). A typo in a key otherwise passes silently.
/// </summary>
internal static class UnknownKeys
{
    public static string? Find(IConfigurationSection section, Type type)
    {
        foreach (var child in section.GetChildren())
        {
            if (ElementType(type) is { } element)
            {
                if (IsLeaf(element)) continue;
                if (Find(child, element) is { } nested) return nested;
                continue;
            }
            var property = type.GetProperty(child.Key, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);
            if (property is null) return child.Path;
            if (!IsLeaf(property.PropertyType) && Find(child, property.PropertyType) is { } deeper) return deeper;
        }
        return null;
    }

    private static Type? ElementType(Type type)
    {
        if (type == typeof(string) || !typeof(IEnumerable).IsAssignableFrom(type)) return null;
        if (type.IsArray) return type.GetElementType();
        var args = type.IsGenericType ? type.GetGenericArguments() : [];
        // Dictionaries bind any key; their values are what can be wrong.
        return args.Length switch { 1 => args[0], 2 => args[1], _ => typeof(object) };
    }

    private static bool IsLeaf(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        return type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(decimal) || type == typeof(TimeSpan)
            || type == typeof(DateTimeOffset) || type == typeof(DateTime) || type == typeof(Uri) || type == typeof(object);
    }
}
