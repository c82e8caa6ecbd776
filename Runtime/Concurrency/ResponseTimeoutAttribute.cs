using System.Globalization;

namespace Cluster.Runtime.Concurrency;

/// <summary>
/// Overrides the silo's default response timeout for calls to this interface method. A caller can also bound
/// one call by passing a <see cref="CancellationToken"/> to a method that takes one.
/// </summary>
[AttributeUsage(AttributeTargets.Method, Inherited = true)]
public sealed class ResponseTimeoutAttribute(string timeout) : Attribute
{
    /// <summary>The timeout, parsed from a constant <c>hh:mm:ss</c> string such as <c>"00:02:00"</c>.</summary>
    public TimeSpan Timeout { get; } = TimeSpan.Parse(timeout, CultureInfo.InvariantCulture);
}
