using LiveRank.Server.Validation;
using Microsoft.Extensions.Options;

namespace LiveRank.Server.Policies;

/// <summary>Checks <c>LiveRank:Policies</c> at start with the same rules a request's <c>policies</c> object meets.</summary>
public sealed class PolicySettingsValidator : IValidateOptions<PolicySettings>
{
    public ValidateOptionsResult Validate(string? name, PolicySettings options)
    {
        var errors = new ValidationErrors();
        if (PolicySettingsReader.Read(options, PolicySettings.Section, errors) is not null) return ValidateOptionsResult.Success;
        return ValidateOptionsResult.Fail(errors.ToDictionary().Select(e => $"{e.Key}: {string.Join(" ", e.Value)}"));
    }
}
