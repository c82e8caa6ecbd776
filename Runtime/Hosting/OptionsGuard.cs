using Microsoft.Extensions.Options;

namespace Cluster.Runtime.Hosting;

/// <summary>Validation for components constructed directly (tests, tools), with the same messages as at host start.</summary>
internal static class OptionsGuard
{
    /// <exception cref="OptionsValidationException">The options are invalid; the message says what to set.</exception>
    public static void ThrowIfInvalid<TOptions>(IValidateOptions<TOptions> validator, string? name, TOptions options)
        where TOptions : class
    {
        var validation = validator.Validate(name, options);
        if (validation.Failed)
        {
            throw new OptionsValidationException(name ?? typeof(TOptions).Name, typeof(TOptions), validation.Failures);
        }
    }
}
