using System.Buffers.Text;
using System.Net;
using System.Net.Mail;
using System.Security.Cryptography;
using System.Text;
using System.Threading.Channels;
using Cluster.Grains.Interfaces.Identity;
using Cluster.Runtime.Core;
using Microsoft.Extensions.Options;

namespace Cluster.ApiHost.Identity;

/// <summary>
/// Sends password reset links in the background. A request is only queued, so the answer to it takes the same time
/// and reads the same whether or not the email has an account; the lookup, the token and the mail happen here.
/// Queued requests are still sent when the host stops gracefully.
/// </summary>
public sealed partial class PasswordResetMailer(
    IClusterClient cluster, IOptions<PasswordResetOptions> options, ILogger<PasswordResetMailer> logger) : BackgroundService
{
    private const int QueueCapacity = 1024;

    private readonly Channel<string> _queue = Channel.CreateBounded<string>(new BoundedChannelOptions(QueueCapacity)
    {
        FullMode = BoundedChannelFullMode.DropWrite,
        SingleReader = true,
    });

    /// <summary>The hash a reset token is stored and looked up by.</summary>
    public static string HashToken(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    /// <summary>Queues a reset for <paramref name="email"/>; false when the queue is full (the request is dropped and logged).</summary>
    public bool Enqueue(string email)
    {
        if (_queue.Writer.TryWrite(email))
        {
            return true;
        }

        LogQueueFull(logger, QueueCapacity);
        return false;
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        // Stop taking requests and let the loop drain what is queued, until the host's shutdown timeout.
        _queue.Writer.TryComplete();
        await (ExecuteTask ?? Task.CompletedTask).WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        await base.StopAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Not stoppingToken: stopping completes the queue, and what is queued should still go out.
        await foreach (var email in _queue.Reader.ReadAllAsync(CancellationToken.None))
        {
            try
            {
                await SendAsync(email, CancellationToken.None);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                LogSendFailed(logger, exception);
            }
        }
    }

    private async Task SendAsync(string email, CancellationToken cancellationToken)
    {
        var ownerId = await cluster.GetGrain<IEmailIndexGrain>(EmailAddress.Normalize(email)).GetOwnerAsync(cancellationToken);
        if (ownerId is null)
        {
            return;
        }

        var user = cluster.GetGrain<IUserGrain>(ownerId);
        var token = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        if (!await user.StartPasswordResetAsync(HashToken(token), cancellationToken) || await user.GetAsync(cancellationToken) is not { } account)
        {
            return;
        }

        var settings = options.Value;
        var link = settings.LinkTemplate
            .Replace("{token}", Uri.EscapeDataString(token), StringComparison.Ordinal)
            .Replace("{email}", Uri.EscapeDataString(account.Email), StringComparison.Ordinal);
        using var message = new MailMessage(settings.From, account.Email)
        {
            Subject = "Reset your password",
            Body = $"Someone asked to reset the password of your account. If it was you, open this link within {SignInLimits.PasswordResetLifetime.TotalMinutes:0} minutes:\n\n{link}\n\nIf it was not you, ignore this mail; your password stays as it is.",
        };
        using var smtp = CreateClient(settings);
        await smtp.SendMailAsync(message, cancellationToken);
        LogResetMailed(logger, ownerId);
    }

    private static SmtpClient CreateClient(PasswordResetOptions settings)
    {
        if (settings.SmtpHost is null)
        {
            var directory = Path.GetFullPath(settings.PickupDirectory);
            Directory.CreateDirectory(directory);
            return new SmtpClient { DeliveryMethod = SmtpDeliveryMethod.SpecifiedPickupDirectory, PickupDirectoryLocation = directory };
        }

        return new SmtpClient(settings.SmtpHost, settings.SmtpPort)
        {
            EnableSsl = settings.SmtpEnableSsl,
            Credentials = settings.SmtpUserName is null ? null : new NetworkCredential(settings.SmtpUserName, settings.SmtpPassword),
        };
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Password reset link mailed for user {UserId}")]
    private static partial void LogResetMailed(ILogger logger, string userId);

    [LoggerMessage(Level = LogLevel.Error, Message = "A password reset mail could not be sent")]
    private static partial void LogSendFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Password reset request dropped: {Capacity} are already waiting to be mailed")]
    private static partial void LogQueueFull(ILogger logger, int capacity);
}
