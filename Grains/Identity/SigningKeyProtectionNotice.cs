using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Cluster.Grains.Identity;

/// <summary>Says at start when token signing keys will be stored unencrypted, so it is a choice, not an oversight.</summary>
internal sealed partial class SigningKeyProtectionNotice(SigningKeyProtector protector, ILogger<SigningKeyProtectionNotice> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (!protector.IsEnabled)
        {
            LogUnprotected(logger, SigningKeyProtectionOptions.SectionName);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Token signing keys are stored unencrypted; set {Section}:EncryptionKey (openssl rand -base64 32) on every silo to encrypt them")]
    private static partial void LogUnprotected(ILogger logger, string section);
}
