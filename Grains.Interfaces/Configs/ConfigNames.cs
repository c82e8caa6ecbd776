using System.Text.RegularExpressions;

namespace Cluster.Grains.Interfaces.Configs;

/// <summary>Names of versioned configurations (<c>endpoints</c>, <c>dashboards</c>): lower-case slugs.</summary>
public static partial class ConfigNames
{
    /// <summary>The configuration that declares the channels' server-side producers, run by the silos.</summary>
    public const string Endpoints = "endpoints";

    /// <summary>The longest name, in characters.</summary>
    public const int MaxLength = 64;

    /// <summary>Whether <paramref name="name"/> is a lower-case letter followed by letters, digits and single dashes.</summary>
    public static bool IsValid(string? name) => name is not null && Pattern().IsMatch(name);

    /// <summary>The group whose members administer configuration <paramref name="name"/> besides the admin role.</summary>
    public static string AdminGroup(string name) => $"config-{name}-admin";

    /// <summary>The channel on which the activations of configuration <paramref name="name"/> are published.</summary>
    public static string ChannelOf(string name) => $"config.{name}";

    /// <summary>The key of the revision grain holding version <paramref name="version"/> of configuration <paramref name="name"/>.</summary>
    public static string RevisionKey(string name, string version) => $"{name}@{version}";

    [GeneratedRegex("^[a-z](?:-?[a-z0-9])*$")]
    private static partial Regex Pattern();
}
