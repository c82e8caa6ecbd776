namespace Cluster.Runtime.Storage.Internal;

/// <summary>
/// Runs an asynchronous action until it first succeeds; concurrent callers wait for the same run. A failed or
/// cancelled run is not remembered, so the next caller tries again (a database may come up after the silo).
/// </summary>
internal sealed class AsyncOnce(Func<CancellationToken, Task> action) : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile bool _done;

    /// <summary>Whether the action has succeeded.</summary>
    public bool IsDone => _done;

    /// <summary>Runs the action unless it already succeeded.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        if (_done)
        {
            return;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (!_done)
            {
                await action(cancellationToken);
                _done = true;
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc />
    public void Dispose() => _gate.Dispose();
}
