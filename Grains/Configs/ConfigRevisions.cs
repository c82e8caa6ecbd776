using Cluster.Grains.Interfaces.Configs;
using Cluster.Runtime.Core;
using Microsoft.Extensions.Logging;

namespace Cluster.Grains.Configs;

/// <summary>
/// A configuration grain's access to its versions' documents, with the last few read kept in memory: documents never
/// change once written, so a cached one is never stale.
/// </summary>
internal sealed partial class ConfigRevisions
{
    private const int CachedDocuments = 8;

    private readonly Dictionary<string, string> _cache = new(StringComparer.Ordinal);
    private readonly Queue<string> _order = new();

    public async Task<string> ReadAsync(IGrainFactory factory, string name, string version, CancellationToken cancellationToken)
    {
        if (_cache.TryGetValue(version, out var cached))
        {
            return cached;
        }

        var document = await factory.GetGrain<IConfigRevisionGrain>(ConfigNames.RevisionKey(name, version)).GetAsync(cancellationToken)
            ?? throw new InvalidOperationException($"Version {version} of configuration '{name}' has no stored document.");
        Remember(version, document);
        return document;
    }

    public async Task WriteAsync(IGrainFactory factory, string name, string version, string document, CancellationToken cancellationToken)
    {
        await factory.GetGrain<IConfigRevisionGrain>(ConfigNames.RevisionKey(name, version)).WriteAsync(document, cancellationToken);
        Forget(version);
        Remember(version, document);
    }

    // Best effort: the metadata no longer lists these versions, so a document left behind is never read; a later save of
    // the same number overwrites it.
    public async Task ClearAsync(IGrainFactory factory, string name, IReadOnlyList<string> versions, ILogger logger)
    {
        foreach (var version in versions)
        {
            Forget(version);
            try
            {
                await factory.GetGrain<IConfigRevisionGrain>(ConfigNames.RevisionKey(name, version)).ClearAsync(CancellationToken.None);
            }
            catch (Exception exception)
            {
                LogClearFailed(logger, exception, name, version);
            }
        }
    }

    private void Remember(string version, string document)
    {
        _cache[version] = document;
        _order.Enqueue(version);
        while (_order.Count > CachedDocuments && _order.TryDequeue(out var oldest))
        {
            _cache.Remove(oldest);
        }
    }

    private void Forget(string version)
    {
        if (_cache.Remove(version))
        {
            var kept = _order.Where(entry => entry != version).ToList();
            _order.Clear();
            kept.ForEach(_order.Enqueue);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Clearing the document of version {Version} of configuration {Name} failed; it stays unread")]
    private static partial void LogClearFailed(ILogger logger, Exception exception, string name, string version);
}
