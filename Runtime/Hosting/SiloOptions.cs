using Microsoft.Extensions.Options;

namespace Cluster.Runtime.Hosting;

/// <summary>
/// Timing of the silo's runtime, bound from the <c>Silo</c> configuration section (environment variables
/// <c>Silo__ResponseTimeout</c> and so on). Time spans use the <c>d.hh:mm:ss</c> format.
/// </summary>
public sealed class SiloOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Silo";

    /// <summary>
    /// How long a caller waits for a grain call's response before it fails with an outcome-unknown timeout.
    /// Default 30 s; from 10 ms to 1 h. A method's <c>[ResponseTimeout]</c> overrides it.
    /// </summary>
    public TimeSpan ResponseTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long an activation may stay idle before it is deactivated. Default 15 min; at least twice <see cref="CollectionQuantum"/>.</summary>
    public TimeSpan CollectionAge { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How often idle activations are looked for. Default 1 min; from 100 ms to 1 h.</summary>
    public TimeSpan CollectionQuantum { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Collection age per grain type name (such as <c>user</c>), overriding <see cref="CollectionAge"/> and
    /// <c>[CollectionAgeLimit]</c>. Each at least twice <see cref="CollectionQuantum"/>.
    /// </summary>
    public Dictionary<string, TimeSpan> CollectionAgeByType { get; set; } = new(StringComparer.Ordinal);

    /// <summary>
    /// The budget of one activation's <c>OnDeactivateAsync</c>; after it the activation is removed anyway.
    /// Default 30 s; from 100 ms to 10 min. Keep the host's shutdown timeout above it.
    /// </summary>
    public TimeSpan DeactivationTimeout { get; set; } = TimeSpan.FromSeconds(30);
}

/// <summary>Checks <see cref="SiloOptions"/> at start and says which setting to change.</summary>
internal sealed class SiloOptionsValidator : IValidateOptions<SiloOptions>
{
    public ValidateOptionsResult Validate(string? name, SiloOptions options)
    {
        var failures = new List<string>();
        CheckRange(failures, nameof(SiloOptions.ResponseTimeout), options.ResponseTimeout, TimeSpan.FromMilliseconds(10), TimeSpan.FromHours(1));
        CheckRange(failures, nameof(SiloOptions.CollectionQuantum), options.CollectionQuantum, TimeSpan.FromMilliseconds(100), TimeSpan.FromHours(1));
        CheckRange(failures, nameof(SiloOptions.DeactivationTimeout), options.DeactivationTimeout, TimeSpan.FromMilliseconds(100), TimeSpan.FromMinutes(10));
        CheckAge(failures, nameof(SiloOptions.CollectionAge), options.CollectionAge, options.CollectionQuantum);
        foreach (var (grainType, age) in options.CollectionAgeByType)
        {
            CheckAge(failures, $"{nameof(SiloOptions.CollectionAgeByType)}:{grainType}", age, options.CollectionQuantum);
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void CheckRange(List<string> failures, string setting, TimeSpan value, TimeSpan min, TimeSpan max)
    {
        if (value < min || value > max)
        {
            failures.Add($"{SiloOptions.SectionName}:{setting} is {value}; set it between {min} and {max}.");
        }
    }

    private static void CheckAge(List<string> failures, string setting, TimeSpan age, TimeSpan quantum)
    {
        if (age < quantum * 2)
        {
            failures.Add($"{SiloOptions.SectionName}:{setting} is {age}; set it to at least twice {SiloOptions.SectionName}:{nameof(SiloOptions.CollectionQuantum)} ({quantum * 2}), or lower the quantum.");
        }
    }
}
