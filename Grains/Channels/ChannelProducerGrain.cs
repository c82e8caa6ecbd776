using System.Net.Http.Headers;
using System.Text;
using Cluster.Grains.Interfaces.Channels;
using Cluster.Grains.Outbound;
using Cluster.Runtime.Core;
using Cluster.Runtime.Timers;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Cluster.Grains.Channels;

[GrainType("channel-producer")]
public sealed partial class ChannelProducerGrain(
    IHttpClientFactory httpClients,
    IOptions<ProducerOptions> options,
    ILogger<ChannelProducerGrain> logger) : Grain, IChannelProducerGrain
{
    public const string HttpClientName = "channel-producers";

    private ProducerSpec? _spec;
    private IGrainTimer? _timer;
    private int _failures;

    private string Channel => this.GetPrimaryKeyString();

    public Task ConfigureAsync(ProducerSpec? spec, CancellationToken cancellationToken = default)
    {
        if (spec is not null && spec.Channel != Channel)
        {
            throw new ArgumentException($"This producer publishes to '{Channel}', not '{spec.Channel}'.", nameof(spec));
        }

        if (spec == _spec)
        {
            return Task.CompletedTask;
        }

        _timer?.Dispose();
        _timer = null;
        _spec = spec;
        if (spec is null)
        {
            DeactivateOnIdle();
            return Task.CompletedTask;
        }

        LogStarted(logger, Channel, spec.ConfigVersion, spec.Interval);
        _timer = RegisterGrainTimer(TickAsync, new GrainTimerCreationOptions(TimeSpan.Zero, spec.Interval) { KeepAlive = true });
        return Task.CompletedTask;
    }

    private async Task TickAsync(CancellationToken cancellationToken)
    {
        if (_spec is not { } spec)
        {
            return;
        }

        var payload = await ReadAsync(spec, cancellationToken);
        if (payload is not null)
        {
            await GrainFactory.GetGrain<IChannelGrain>(Channel).PublishAsync(payload, $"producer:{Channel}", cancellationToken);
        }
    }

    // A failing source is logged on the first failure and every hundredth after it, not once per tick.
    private async Task<string?> ReadAsync(ProducerSpec spec, CancellationToken cancellationToken)
    {
        var timeout = TimeSpan.FromTicks(Math.Min(options.Value.RequestTimeout.Ticks, spec.Interval.Ticks));
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        string? problem;
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, spec.Url);
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            using var response = await httpClients.CreateClient(HttpClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, deadline.Token);
            problem = response.IsSuccessStatusCode ? null : $"answered {(int)response.StatusCode}";
            if (problem is null)
            {
                var bytes = await BoundedContent.ReadAsync(response.Content, ChannelNames.MaxPayloadBytes, deadline.Token);
                var body = bytes is null ? null : Encoding.UTF8.GetString(bytes);
                problem = body is null ? $"answered more than {ChannelNames.MaxPayloadBytes} bytes" : ChannelPayload.IsJson(body) ? null : "answered something other than JSON";
                if (problem is null)
                {
                    _failures = 0;
                    return body;
                }
            }
        }
        catch (Exception exception) when (exception is HttpRequestException || (exception is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            problem = exception is OperationCanceledException ? $"did not answer within {timeout.TotalSeconds:0.###} s" : exception.Message;
        }

        if (_failures++ % 100 == 0)
        {
            LogReadFailed(logger, Channel, problem ?? "failed", _failures);
        }

        return null;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Producer of channel {Channel} runs endpoints version {Version} every {Interval}")]
    private static partial void LogStarted(ILogger logger, string channel, string version, TimeSpan interval);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Producer of channel {Channel}: its source {Problem} ({Failures} failures in a row)")]
    private static partial void LogReadFailed(ILogger logger, string channel, string problem, int failures);
}
