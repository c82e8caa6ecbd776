using Cluster.Runtime.Core;

namespace Cluster.Runtime.Messaging.Wire;

/// <summary>The fixed part of a request message; the JSON arguments follow it.</summary>
/// <param name="CorrelationId">Matches the response to the request on the caller's connection.</param>
/// <param name="Target">The grain or observer called.</param>
/// <param name="InterfaceName">The full name of the interface declaring the method.</param>
/// <param name="MethodKey">The method's key within that interface (name and parameter types).</param>
/// <param name="TimeoutMilliseconds">The caller's remaining patience; the callee drops the request once it has passed.</param>
/// <param name="Directed">The caller chose this silo from the directory or by placement; see <c>Request.IsDirected</c>.</param>
/// <param name="HopCount">How many times the call crossed between processes before this hop.</param>
/// <param name="Context">The caller's request context, or null when it had none.</param>
internal readonly record struct RequestHeader(
    long CorrelationId, GrainId Target, string InterfaceName, string MethodKey, int TimeoutMilliseconds, bool Directed, int HopCount, RequestContextData? Context);
