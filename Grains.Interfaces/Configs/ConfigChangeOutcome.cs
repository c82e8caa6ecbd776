namespace Cluster.Grains.Interfaces.Configs;

/// <summary>How a configuration change or comparison ended.</summary>
public enum ConfigChangeOutcome
{
    /// <summary>Done.</summary>
    Done,

    /// <summary>The input is wrong (not JSON, against the schema, a malformed version); the detail and errors say what.</summary>
    Invalid,

    /// <summary>A version named does not exist, or the configuration has none.</summary>
    NotFound,

    /// <summary>The change contradicts the configuration's state (the version exists, or is active).</summary>
    Conflict,
}
