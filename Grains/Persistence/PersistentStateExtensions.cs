using Cluster.Runtime.Storage;

namespace Cluster.Grains.Persistence;

/// <summary>Changes to persisted grain state that never let memory run ahead of storage.</summary>
public static class PersistentStateExtensions
{
    /// <summary>
    /// Applies <paramref name="change"/> to the state and writes it; if the write fails, the state is put back as it was
    /// (from <paramref name="copy"/>, taken before the change) and the exception goes to the caller.
    /// </summary>
    public static async Task ChangeAsync<TState>(
        this IPersistentState<TState> state, Action<TState> change, Func<TState, TState> copy, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(change);
        ArgumentNullException.ThrowIfNull(copy);
        var before = copy(state.State);
        change(state.State);
        try
        {
            await state.WriteStateAsync(cancellationToken);
        }
        catch
        {
            state.State = before;
            throw;
        }
    }
}
