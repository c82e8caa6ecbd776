using System.Text.Json;
using Cluster.Runtime.Transport;
using Microsoft.Extensions.Logging;

namespace Cluster.Runtime.Messaging.Remote;

/// <summary>
/// What every connection of a process shares: where incoming calls go, the wire JSON options, limits and clock, and
/// for a silo the activation count it reports in answer to probes.
/// </summary>
internal sealed record MessagingContext(
    IMessageRouter Router, JsonSerializerOptions Json, TransportOptions TransportOptions, TimeProvider TimeProvider, ILogger Logger, Func<int>? LocalLoad = null);
