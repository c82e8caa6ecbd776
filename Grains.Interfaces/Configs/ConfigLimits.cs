namespace Cluster.Grains.Interfaces.Configs;

/// <summary>Bounds on what a configuration holds.</summary>
public static class ConfigLimits
{
    /// <summary>The largest document, in UTF-8 bytes.</summary>
    public const int MaxDocumentBytes = 512 * 1024;

    /// <summary>The largest JSON Schema, in UTF-8 bytes.</summary>
    public const int MaxSchemaBytes = 256 * 1024;

    /// <summary>The longest save message, in characters.</summary>
    public const int MaxMessageLength = 500;

    /// <summary>The most variables of one configuration.</summary>
    public const int MaxVariables = 200;

    /// <summary>The longest variable value, in characters.</summary>
    public const int MaxVariableLength = 4096;
}
