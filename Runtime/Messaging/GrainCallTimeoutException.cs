namespace Cluster.Runtime.Messaging;

/// <summary>
/// A grain call got no response in time. The outcome is unknown: the callee may have run the call fully,
/// partly or not at all, and may still be running it. The runtime never retries a call on its own.
/// </summary>
public sealed class GrainCallTimeoutException : TimeoutException
{
    /// <summary>Creates the exception for a call to <paramref name="method"/> on <paramref name="target"/>.</summary>
    public GrainCallTimeoutException(string method, string target, TimeSpan timeout)
        : base($"The call {method} on {target} got no response within {timeout}. Its outcome is unknown: it may have run fully, partly or not at all. The runtime does not retry it; retry only if the operation is idempotent.")
    {
        Method = method;
        Target = target;
        Timeout = timeout;
    }

    /// <summary>The called method, as <c>Interface.Method</c>.</summary>
    public string Method { get; }

    /// <summary>The called grain or observer.</summary>
    public string Target { get; }

    /// <summary>The timeout that elapsed.</summary>
    public TimeSpan Timeout { get; }
}
