namespace Cluster.Runtime.Hosting;

/// <summary>Range checks for options validators, with one wording of what to set.</summary>
public static class OptionRange
{
    /// <summary>Adds to <paramref name="failures"/> a message naming <paramref name="key"/> when <paramref name="value"/> is outside [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public static void Check<T>(List<string> failures, T value, T min, T max, string key)
        where T : IComparable<T>
    {
        ArgumentNullException.ThrowIfNull(failures);
        if (value.CompareTo(min) < 0 || value.CompareTo(max) > 0)
        {
            failures.Add($"{key} is {value}; set a value from {min} to {max}.");
        }
    }
}
