using System.Text.RegularExpressions;

namespace Cluster.ApiHost.Widgets;

/// <summary>Scoped npm package names (<c>@scope/name</c>) and versions as the registry accepts them.</summary>
public static partial class WidgetPackage
{
    /// <summary>Whether <paramref name="name"/> is a scoped npm package name: lower-case, URL-safe, at most 214 characters.</summary>
    public static bool IsScopedName(string? name) => name is { Length: <= 214 } && Name().IsMatch(name);

    /// <summary>Whether <paramref name="scope"/> is an npm scope such as <c>@acme</c>.</summary>
    public static bool IsScope(string? scope) => scope is not null && Scope().IsMatch(scope);

    /// <summary>The scope of a scoped name.</summary>
    public static string ScopeOf(string name) => name[..name.IndexOf('/', StringComparison.Ordinal)];

    /// <summary>Whether <paramref name="version"/> is an exact semantic version (pre-release allowed, no ranges).</summary>
    public static bool IsVersion(string? version) => version is { Length: <= 64 } && Version().IsMatch(version);

    [GeneratedRegex("^@[a-z0-9][a-z0-9._~-]*/[a-z0-9][a-z0-9._~-]*$")]
    private static partial Regex Name();

    [GeneratedRegex("^@[a-z0-9][a-z0-9._~-]*$")]
    private static partial Regex Scope();

    [GeneratedRegex(@"^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(-[0-9A-Za-z.-]+)?$")]
    private static partial Regex Version();
}
