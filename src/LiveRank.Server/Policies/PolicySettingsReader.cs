using System.Globalization;
using LiveRank.Policies;
using LiveRank.Server.Validation;

namespace LiveRank.Server.Policies;

/// <summary>
/// Turns <see cref="PolicySettings"/> into a <see cref="RankingPolicy"/>, reporting every broken rule by field path
/// (<c>policies.exclude[0]</c>) — for a request as a 422, for configuration as a start-up failure.
/// </summary>
public static class PolicySettingsReader
{
    /// <summary>Most rules of one kind in one policy (bounds the work a request can ask for).</summary>
    public const int MaxRules = 100;

    /// <summary>Longest seen-window (100 years): longer ones would reach before year 1 and mean nothing more.</summary>
    public static readonly TimeSpan MaxWindow = TimeSpan.FromDays(36_500);

    public static RankingPolicy? Read(PolicySettings? settings, string path, ValidationErrors errors)
    {
        if (settings is null) return RankingPolicy.None;
        int before = errors.Count;

        TimeSpan? window = null;
        if (settings.ExcludeSeenWithin is { } text)
        {
            if (TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var parsed) && parsed > TimeSpan.Zero && parsed <= MaxWindow) window = parsed;
            else errors.Add($"{path}.excludeSeenWithin", "must be a positive duration up to 36500 days, such as \"7.00:00:00\" (d.hh:mm:ss).");
        }

        var exclude = Conditions(settings.Exclude, $"{path}.exclude", errors);
        var bury = Conditions(settings.Bury, $"{path}.bury", errors);

        var boosts = new List<ScoreBoost>();
        if (Bounded(settings.Boost, $"{path}.boost", errors) is { } boostList)
        {
            for (int i = 0; i < boostList.Count; i++)
            {
                string at = $"{path}.boost[{i}]";
                if (boostList[i] is not { } b)
                {
                    errors.Add(at, "must be an object { \"if\", \"by\" }.");
                    continue;
                }
                var condition = Condition(b.If, $"{at}.if", errors);
                if (b.By is not double by || !double.IsFinite(by) || Math.Abs(by) > 1e6)
                    errors.Add($"{at}.by", "must be a finite number (negative lowers the score).");
                else if (condition is not null) boosts.Add(new ScoreBoost(condition, (float)by));
            }
        }

        if (settings.Diversity is double lambda && !(lambda >= 0 && lambda <= 1))
            errors.Add($"{path}.diversity", "must be between 0 and 1.");

        var caps = new List<ExposureCap>();
        if (Bounded(settings.Caps, $"{path}.caps", errors) is { } capList)
        {
            for (int i = 0; i < capList.Count; i++)
            {
                string at = $"{path}.caps[{i}]";
                if (capList[i] is not { } c)
                {
                    errors.Add(at, "must be an object { \"field\", \"max\", \"within?\" }.");
                    continue;
                }
                CapField? field = c.Field?.ToLowerInvariant() switch { "category" => CapField.Category, "brand" => CapField.Brand, _ => null };
                if (field is null) errors.Add($"{at}.field", "must be \"category\" or \"brand\".");
                if (c.Max is not int max || max < 1) errors.Add($"{at}.max", "must be at least 1.");
                if (c.Within is int within && within < 1) errors.Add($"{at}.within", "must be at least 1.");
                if (field is { } f && c.Max is int m && m >= 1 && c.Within is not < 1) caps.Add(new ExposureCap(f, m, c.Within));
            }
        }

        var pins = new List<PinnedItem>();
        if (Bounded(settings.Pins, $"{path}.pins", errors) is { } pinList)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            for (int i = 0; i < pinList.Count; i++)
            {
                string at = $"{path}.pins[{i}]";
                if (pinList[i] is not { } p)
                {
                    errors.Add(at, "must be an object { \"itemId\", \"position\" }.");
                    continue;
                }
                bool idOk = FieldRules.Id(p.ItemId, $"{at}.itemId", errors);
                if (idOk && !seen.Add(p.ItemId!)) errors.Add($"{at}.itemId", $"'{p.ItemId}' is pinned more than once.");
                if (p.Position is not int position || position < 1 || position > LiveRank.Domain.RankRequest.MaxCandidates)
                    errors.Add($"{at}.position", $"must be between 1 and {LiveRank.Domain.RankRequest.MaxCandidates}.");
                else if (idOk) pins.Add(new PinnedItem(p.ItemId!, position));
            }
        }

        if (errors.Count > before) return null;
        return new RankingPolicy
        {
            ExcludePurchased = settings.ExcludePurchased ?? false,
            ExcludeSeenWithin = window,
            Exclude = exclude,
            Boosts = boosts,
            Bury = bury,
            Diversity = settings.Diversity,
            Caps = caps,
            Pins = pins,
        };
    }

    private static List<T?>? Bounded<T>(List<T?>? list, string path, ValidationErrors errors)
    {
        if (list is null) return null;
        if (list.Count <= MaxRules) return list;
        errors.Add(path, $"at most {MaxRules} rules.");
        return null;
    }

    private static List<ItemCondition> Conditions(List<string?>? sources, string path, ValidationErrors errors)
    {
        var conditions = new List<ItemCondition>();
        if (Bounded(sources, path, errors) is not { } list) return conditions;
        for (int i = 0; i < list.Count; i++)
            if (Condition(list[i], $"{path}[{i}]", errors) is { } c) conditions.Add(c);
        return conditions;
    }

    private static ItemCondition? Condition(string? source, string path, ValidationErrors errors)
    {
        if (ItemCondition.TryParse(source, out var condition, out string? error)) return condition;
        errors.Add(path, error);
        return null;
    }
}
