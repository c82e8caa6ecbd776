using Cluster.Runtime.Membership;

namespace Cluster.Runtime.Client;

/// <summary>
/// The gateways of the Active silos in the membership table: a client follows the cluster as silos join, leave
/// and die, without a configured list. Changes arrive by LISTEN/NOTIFY; the client also asks again periodically.
/// </summary>
internal sealed class MembershipGatewayListProvider : IGatewayListProvider, IAsyncDisposable
{
    private readonly IMembershipTable _table;
    private readonly PostgresMembershipWatcher _watcher;
    private int _started;

    public MembershipGatewayListProvider(IMembershipTable table, PostgresMembershipWatcher watcher)
    {
        _table = table;
        _watcher = watcher;
        _watcher.Changed += _ => Changed?.Invoke();
    }

    public event Action? Changed;

    public async Task<IReadOnlyList<string>> GetGatewaysAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _started, 1) == 0)
        {
            await _watcher.StartAsync(cancellationToken);
        }

        var data = await _table.ReadAllAsync(cancellationToken);
        return [.. data.Members
            .Where(member => member.Entry.Status == SiloStatus.Active)
            .Select(member => $"{member.Entry.SiloAddress.Host}:{member.Entry.SiloAddress.Port}")
            .Distinct(StringComparer.Ordinal)];
    }

    public ValueTask DisposeAsync() => _watcher.DisposeAsync();
}
