using LiveRank.Text;
using Microsoft.Extensions.Options;

namespace LiveRank.Server.Options;

/// <summary>
/// Checks <c>LiveRank:Text</c> at start: the item template compiles ("LiveRank:Text:ItemTemplate: Unknown placeholder
/// {titel} at character 1; …") and the narrative caps are in range, so a bad template stops the server before it listens.
/// </summary>
public sealed class TextOptionsValidator : IValidateOptions<TextOptions>
{
    public const string Section = "LiveRank:Text";

    public ValidateOptionsResult Validate(string? name, TextOptions options) =>
        options.Validate() is { } problem ? ValidateOptionsResult.Fail($"{Section}:{problem}") : ValidateOptionsResult.Success;
}
