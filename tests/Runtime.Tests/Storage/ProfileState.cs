namespace Cluster.Runtime.Tests.Storage;

/// <summary>The state the conformance suite stores; fields have initializers so missing JSON members show up as defaults.</summary>
public sealed class ProfileState
{
    public const string DefaultNickname = "(none)";

    public string Name { get; set; } = string.Empty;

    public int Age { get; set; }

    public string Nickname { get; set; } = DefaultNickname;

    public List<string> Tags { get; set; } = [];
}
