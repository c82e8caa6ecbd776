using Cluster.Runtime.Messaging;

namespace Cluster.Runtime.Activation;

/// <summary>
/// Who may still write this activation's state. Once another activation of the grain may exist (the silo was
/// fenced, or this one's <c>OnDeactivateAsync</c> overran its time and the activation is being unregistered), no
/// write may start here, and unregistering waits for the writes already under way.
/// </summary>
internal sealed partial class ActivationData
{
    private string? _retiredReason;
    private int _stateWrites;
    private TaskCompletionSource? _stateWritesEnded;

    /// <summary>Admits a state write or clear, which must end with <see cref="EndStateWrite"/>.</summary>
    /// <exception cref="SiloUnavailableException">The silo is fenced (declared dead by the cluster).</exception>
    /// <exception cref="InvalidOperationException">This activation is retired.</exception>
    public void BeginStateWrite()
    {
        if (_runtime.FencedReason is { } reason)
        {
            throw new SiloUnavailableException(reason);
        }

        lock (_lock)
        {
            if (_retiredReason is { } retired)
            {
                throw new InvalidOperationException(retired);
            }

            _stateWrites++;
        }
    }

    public void EndStateWrite()
    {
        TaskCompletionSource? ended = null;
        lock (_lock)
        {
            if (--_stateWrites == 0)
            {
                ended = _stateWritesEnded;
            }
        }

        ended?.TrySetResult();
    }

    /// <summary>
    /// Refuses every later state write of this activation and waits, for up to <paramref name="timeout"/>, for those
    /// under way; false when one is still running after it.
    /// </summary>
    private async Task<bool> RetireAsync(string reason, TimeSpan timeout)
    {
        Task ended;
        lock (_lock)
        {
            _retiredReason = reason;
            if (_stateWrites == 0)
            {
                return true;
            }

            _stateWritesEnded = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            ended = _stateWritesEnded.Task;
        }

        try
        {
            await ended.WaitAsync(timeout, _runtime.TimeProvider);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }
}
