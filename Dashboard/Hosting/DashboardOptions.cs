using Microsoft.Extensions.Options;

namespace Cluster.Dashboard.Hosting;

/// <summary>
/// The operators' dashboard at <see cref="Path"/> (section <c>Dashboard</c>). Nobody may use it until allowed: an
/// administrator signed in to the API host (role <see cref="AdminRole"/>), or whoever presents <see cref="OperatorToken"/>.
/// </summary>
public sealed class DashboardOptions
{
    public const string SectionName = "Dashboard";

    /// <summary>Whether the dashboard is served; default true (it still refuses everyone not allowed).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Where it is served; default <c>/dashboard</c>.</summary>
    public string Path { get; set; } = "/dashboard";

    /// <summary>The role of signed-in users who may use it; default <c>admin</c>.</summary>
    public string AdminRole { get; set; } = "admin";

    /// <summary>
    /// A secret (at least 16 characters) that operators enter on the sign-in page, or send as
    /// <c>Authorization: Bearer</c>; default none, so on a silo (which has no sign-in) the dashboard is closed until set.
    /// </summary>
    public string? OperatorToken { get; set; }

    /// <summary>How often figures are sampled while someone watches; default 2 s, from 0.5 s to 1 min.</summary>
    public TimeSpan SamplePeriod { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Samples kept for the charts; default 100, from 10 to 1,000.</summary>
    public int History { get; set; } = 100;

    /// <summary>How long a silo may take to report before the sample shows it as unreachable; default 2 s, from 0.1 s to 30 s.</summary>
    public TimeSpan SiloTimeout { get; set; } = TimeSpan.FromSeconds(2);
}

/// <summary>Says which <see cref="DashboardOptions"/> setting to change, and to what.</summary>
public sealed class DashboardOptionsValidator : IValidateOptions<DashboardOptions>
{
    public ValidateOptionsResult Validate(string? name, DashboardOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (!options.Path.StartsWith('/') || options.Path.Length < 2 || options.Path.EndsWith('/'))
        {
            failures.Add($"Dashboard:Path is '{options.Path}'; set a path starting with '/' and not ending with one, such as /dashboard.");
        }

        if (string.IsNullOrWhiteSpace(options.AdminRole))
        {
            failures.Add("Dashboard:AdminRole is empty; set the role of the users who may use the dashboard, such as admin.");
        }

        if (options.OperatorToken is { } token && token.Length < 16)
        {
            failures.Add("Dashboard:OperatorToken is shorter than 16 characters; set a long random secret, or leave it out.");
        }

        if (options.SamplePeriod < TimeSpan.FromMilliseconds(500) || options.SamplePeriod > TimeSpan.FromMinutes(1))
        {
            failures.Add($"Dashboard:SamplePeriod is {options.SamplePeriod}; set it between 00:00:00.5 and 00:01:00.");
        }

        if (options.History is < 10 or > 1000)
        {
            failures.Add($"Dashboard:History is {options.History}; set it between 10 and 1000 samples.");
        }

        if (options.SiloTimeout < TimeSpan.FromMilliseconds(100) || options.SiloTimeout > TimeSpan.FromSeconds(30))
        {
            failures.Add($"Dashboard:SiloTimeout is {options.SiloTimeout}; set it between 00:00:00.1 and 00:00:30.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
