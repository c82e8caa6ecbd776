using System.Text.Json;
using Cluster.Grains.Interfaces.Channels;
using Cluster.Grains.Interfaces.Configs;
using Cluster.Runtime.Core;
using Microsoft.Extensions.Logging;

namespace Cluster.Grains.Configs;

/// <summary>
/// Publishes a configuration's activations on its channel (<see cref="ConfigNames.ChannelOf"/>) for browsers and tools.
/// The message names the version, never the document: variables may hold secrets, and readers fetch what they may read.
/// </summary>
internal static partial class ConfigChannel
{
    public static async Task PublishAsync(IGrainFactory factory, ConfigActivation activation, ILogger logger, CancellationToken cancellationToken)
    {
        var payload = JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["type"] = "config.activated",
            ["name"] = activation.Name,
            ["version"] = activation.Version,
            ["isRollback"] = activation.IsRollback,
            ["recoveryMode"] = activation.RecoveryMode,
            ["reason"] = activation.Reason,
        });
        try
        {
            await factory.GetGrain<IChannelGrain>(ConfigNames.ChannelOf(activation.Name)).PublishAsync(payload, $"config:{activation.Name}", cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // The activation stands and the grain observers have it; only the channel's listeners miss this notice.
            LogPublishFailed(logger, exception, activation.Name);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Publishing the activation of configuration {Name} on its channel failed")]
    private static partial void LogPublishFailed(ILogger logger, Exception exception, string name);
}
