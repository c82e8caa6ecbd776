using Cluster.Grains.Interfaces.Plugins;
using Microsoft.Extensions.Logging;

namespace Cluster.Grains.Plugins;

public sealed partial class ServiceGrain
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Feature service {ServiceId} registered at {BaseUrl}")]
    private static partial void LogRegistered(ILogger logger, string serviceId, Uri baseUrl);

    [LoggerMessage(Level = LogLevel.Information, Message = "Feature service {ServiceId} unregistered")]
    private static partial void LogUnregistered(ILogger logger, string serviceId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Admin group {GroupId} created for feature service {ServiceId}")]
    private static partial void LogAdminGroupCreated(ILogger logger, string serviceId, string groupId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Feature service {ServiceId} went from {Previous} to {Current}: {Error}")]
    private static partial void LogHealthChanged(ILogger logger, string serviceId, ServiceHealthStatus previous, ServiceHealthStatus current, string? error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Manifest of feature service {ServiceId} refused: {Error}")]
    private static partial void LogManifestRefused(ILogger logger, string serviceId, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Manifest of feature service {ServiceId} is now revision {Revision} (version {Version})")]
    private static partial void LogManifestChanged(ILogger logger, string serviceId, int revision, string? version);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Check of feature service {ServiceId} failed; the next tick tries again")]
    private static partial void LogCheckFailed(ILogger logger, Exception exception, string serviceId);
}
