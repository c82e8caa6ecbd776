namespace Cluster.Grains.Interfaces.Demo;

/// <summary>Input limits of <see cref="ICounterGrain"/>, shared with the API host's validation.</summary>
public static class CounterLimits
{
    /// <summary>The largest amount one increment may add.</summary>
    public const int MaxIncrement = 1000;

    /// <summary>The longest counter name, in characters.</summary>
    public const int MaxNameLength = 64;
}
