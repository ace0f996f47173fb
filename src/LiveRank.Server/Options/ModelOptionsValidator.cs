using Microsoft.Extensions.Options;

namespace LiveRank.Server.Options;

/// <summary>Checks <c>LiveRank:Model</c> at start: a configured directory is a usable path and not a file.</summary>
public sealed class ModelOptionsValidator : IValidateOptions<ModelOptions>
{
    public ValidateOptionsResult Validate(string? name, ModelOptions options)
    {
        if (options.Directory is not { } directory) return ValidateOptionsResult.Success;
        string key = ModelOptions.Section + ":" + nameof(ModelOptions.Directory);
        if (string.IsNullOrWhiteSpace(directory)) return ValidateOptionsResult.Fail($"{key}: must not be empty; leave it out for the default.");
        string full;
        try
        {
            full = Path.GetFullPath(directory);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            return ValidateOptionsResult.Fail($"{key}: '{directory}' is not a valid path ({e.Message}).");
        }
        return File.Exists(full)
            ? ValidateOptionsResult.Fail($"{key}: '{full}' is a file, not a directory.")
            : ValidateOptionsResult.Success;
    }
}
